using System.Collections.Generic;
using System.Linq;
using Plugins.Tools.Catalog;

namespace Plugins.Tools.Evaluation.Data;

/// <summary>A tool-selection data set: the catalogue's tools and the queries, with the folder images are relative to.</summary>
public sealed record ToolDataset
{
    /// <summary>Gets the tools, in file order.</summary>
    public required IReadOnlyList<ToolRecord> Tools { get; init; }

    /// <summary>Gets the queries, in file order.</summary>
    public required IReadOnlyList<ToolQueryRecord> Queries { get; init; }

    /// <summary>Gets the folder that query images are relative to (the data file's folder), or null when the set was not read from a file.</summary>
    public string? Folder { get; init; }

    /// <summary>Returns the tools as a <see cref="ToolCatalog"/> (in file order).</summary>
    public ToolCatalog ToCatalog() =>
        new(Tools.Select(t => new ToolDescriptor { Name = t.Name, Description = t.Description, ParametersSchema = t.Parameters }));
}
