using System.Collections.Concurrent;
using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace LocalModel.SemanticKernel.Tests.TestSupport;

/// <summary>The cities <see cref="WeatherPlugin"/> knows; an enum keeps tool arguments short and checkable.</summary>
public enum City
{
    Paris,
    Tokyo,
}

/// <summary>A plugin whose one function records the arguments it was called with.</summary>
public sealed class WeatherPlugin
{
    public ConcurrentQueue<City> Calls { get; } = new();

    [KernelFunction("get_weather")]
    [Description("Gets the weather of a city")]
    public string GetWeather([Description("The city")] City city)
    {
        Calls.Enqueue(city);
        return $"sunny in {city}";
    }
}
