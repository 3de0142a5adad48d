namespace LocalModel.Constrained;

/// <summary>A schema keyword that constrained decoding does not enforce (see <see cref="JsonGrammarOptions.SchemaRelaxed"/>).</summary>
/// <param name="Keyword">The keyword, for example <c>pattern</c>, <c>not</c> or <c>format</c>.</param>
/// <param name="Path">The JSON pointer of the schema holding it (<c>#/properties/when</c>; tools: <c>#/tools/{name}/parameters/...</c>).</param>
/// <param name="Reason">Why it is relaxed and what is enforced instead.</param>
public sealed record SchemaRelaxation(string Keyword, string Path, string Reason);
