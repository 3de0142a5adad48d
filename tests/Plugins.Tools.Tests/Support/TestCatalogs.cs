using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Plugins.Tools.Catalog;

namespace Plugins.Tools.Tests.Support;

/// <summary>Small hand-written catalogues.</summary>
public static class TestCatalogs
{
    public static ToolDescriptor Tool(string name, string description, string schema = "{}") => new()
    {
        Name = name,
        Description = description,
        ParametersSchema = JsonDocument.Parse(schema).RootElement.Clone(),
    };

    public static ToolCatalog Of(params string[] names) => new(names.Select(n => Tool(n, "Tool " + n)));

    /// <summary>The 3-tool catalogue whose BM25 scores the tests work out by hand.</summary>
    public static ToolCatalog ThreeTools() => new(
    [
        Tool("get_weather", "Weather forecast for a city"),
        Tool("send_email", "Send an email message", """{"type":"object","properties":{"recipient":{"type":"string","description":"Email address"}}}"""),
        Tool("get_news", "Latest news headlines"),
    ]);

    /// <summary>Twenty everyday tools; only the forecast tool answers umbrella questions.</summary>
    public static ToolCatalog TwentyTools()
    {
        const string City = """{"type":"object","properties":{"city":{"type":"string","description":"City name"},"days":{"type":"integer","description":"How many days ahead"}},"required":["city"]}""";
        var tools = new List<ToolDescriptor>
        {
            Tool("get_weather_forecast", "Gets the weather forecast (rain, temperature, wind) for a city for the coming days.", City),
            Tool("send_email", "Sends an email to a recipient with a subject and a body."),
            Tool("create_calendar_event", "Creates an event in the user's calendar at a date and time."),
            Tool("set_alarm", "Sets an alarm clock for a given time."),
            Tool("play_music", "Plays a song, an album or a playlist."),
            Tool("translate_text", "Translates text from one language into another."),
            Tool("convert_currency", "Converts an amount of money between currencies at today's exchange rate."),
            Tool("book_flight", "Books a flight between two airports on a date."),
            Tool("find_restaurant", "Finds restaurants near a place, by cuisine and price."),
            Tool("get_stock_price", "Gets the latest price of a stock by its ticker symbol."),
            Tool("search_web", "Searches the web and returns result links."),
            Tool("set_thermostat", "Sets the home thermostat to a target temperature."),
            Tool("order_taxi", "Orders a taxi to pick the user up at an address."),
            Tool("read_news", "Reads today's news headlines."),
            Tool("take_note", "Saves a short text note."),
            Tool("calculate", "Evaluates an arithmetic expression."),
            Tool("get_directions", "Gives driving or walking directions between two places."),
            Tool("send_text_message", "Sends an SMS text message to a phone number."),
            Tool("turn_on_lights", "Turns on the lights in a room of the smart home."),
            Tool("track_package", "Tracks the delivery status of a parcel by its tracking number."),
        };
        return new ToolCatalog(tools);
    }
}
