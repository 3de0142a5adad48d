using System;
using System.Globalization;
using System.IO;
using SkiaSharp;

namespace Plugins.Tools.Evaluation.Generation;

/// <summary>
/// Draws the simple pictures image queries carry (320x240 PNG): a bar chart, a shop receipt, a street sign, a plant
/// leaf, a product box. Text uses DejaVu Sans when installed (Debian's fonts-dejavu-core), else Skia's default
/// typeface; the same seed on the same machine gives the same bytes.
/// </summary>
internal sealed class QueryImageRenderer : IDisposable
{
    private const int Width = 320;
    private const int Height = 240;
    private static readonly string[] FontPaths = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf", "/Library/Fonts/DejaVuSans.ttf", @"C:\Windows\Fonts\arial.ttf"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] ChartTitles = ["Sales 2025", "Visitors per month", "Revenue (k EUR)", "Orders"];
    private static readonly string[] Merchants = ["CASA VERDE", "BRICO MAX", "TRATTORIA SOLE", "CITY HARDWARE", "MERCADO 24", "KAFFEEHAUS"];
    private static readonly string[] Items = ["Espresso", "Screws M4", "Pasta", "Paint 1L", "Bread", "Tape", "Salad", "Water", "Bulbs", "Cheese"];
    private static readonly string[] SignWords = ["SAIDA", "AUSGANG", "SORTIE", "USCITA", "WYJSCIE", "CIKIS", "SALIDA", "UTGANG"];
    private static readonly string[] SignLines = ["Centro", "Bahnhof", "Gare", "Stazione", "Dworzec", "Istasyon", "Playa", "Sentrum"];
    private static readonly string[] Brands = ["NORDIC", "AURORA", "KAIZEN", "VOLTA", "PIXELO", "TERRA"];
    private static readonly string[] Products = ["Kettle 1.7L", "Headphones", "Blender", "Smart Bulb", "Coffee Grinder", "Toaster"];

    private readonly SKTypeface _typeface;
    private readonly bool _ownsTypeface;

    public QueryImageRenderer()
    {
        foreach (var path in FontPaths)
        {
            if (File.Exists(path) && SKTypeface.FromFile(path) is { } face)
            {
                _typeface = face;
                _ownsTypeface = true;
                return;
            }
        }

        _typeface = SKTypeface.Default;
    }

    /// <summary>Renders an image of <paramref name="kind"/> with details drawn from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentException">The kind is unknown.</exception>
    public byte[] Render(string kind, SeededRandom random)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        switch (kind)
        {
            case "chart": DrawChart(canvas, random); break;
            case "receipt": DrawReceipt(canvas, random); break;
            case "sign": DrawSign(canvas, random); break;
            case "leaf": DrawLeaf(canvas, random); break;
            case "product": DrawProduct(canvas, random); break;
            default: throw new ArgumentException($"Unknown image kind '{kind}'; use chart, receipt, sign, leaf or product.", nameof(kind));
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public void Dispose()
    {
        if (_ownsTypeface)
        {
            _typeface.Dispose();
        }
    }

    private void DrawChart(SKCanvas canvas, SeededRandom random)
    {
        canvas.Clear(SKColors.White);
        using var axis = new SKPaint { Color = SKColors.Black, StrokeWidth = 2, IsAntialias = true };
        using var bar = new SKPaint { Color = new SKColor((byte)random.Between(30, 90), (byte)random.Between(90, 160), (byte)random.Between(160, 230)), IsAntialias = true };
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var font = new SKFont(_typeface, 12);
        using var title = new SKFont(_typeface, 15);
        canvas.DrawText(random.Pick(ChartTitles), 20, 22, SKTextAlign.Left, title, ink);
        canvas.DrawLine(40, 200, 300, 200, axis);
        canvas.DrawLine(40, 40, 40, 200, axis);
        var bars = random.Between(4, 6);
        var first = random.Next(Months.Length - bars + 1);
        var step = 250f / bars;
        for (var i = 0; i < bars; i++)
        {
            var value = random.Between(15, 95);
            var x = 48 + (i * step);
            var top = 200 - (value * 1.5f);
            canvas.DrawRect(new SKRect(x, top, x + (step * 0.7f), 200), bar);
            canvas.DrawText(value.ToString(CultureInfo.InvariantCulture), x + (step * 0.35f), top - 4, SKTextAlign.Center, font, ink);
            canvas.DrawText(Months[first + i], x + (step * 0.35f), 216, SKTextAlign.Center, font, ink);
        }
    }

    private void DrawReceipt(SKCanvas canvas, SeededRandom random)
    {
        canvas.Clear(new SKColor(90, 90, 96));
        using var paper = new SKPaint { Color = new SKColor(250, 248, 240), IsAntialias = true };
        using var ink = new SKPaint { Color = new SKColor(30, 30, 30), IsAntialias = true };
        using var font = new SKFont(_typeface, 12);
        using var bold = new SKFont(_typeface, 15) { Embolden = true };
        canvas.Save();
        canvas.RotateDegrees(random.Between(-4, 4), Width / 2f, Height / 2f);
        canvas.DrawRect(new SKRect(80, 6, 240, 234), paper);
        canvas.DrawText(random.Pick(Merchants), 160, 30, SKTextAlign.Center, bold, ink);
        canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"2026-{random.Between(1, 12):00}-{random.Between(1, 28):00}  {random.Between(8, 21):00}:{random.Between(0, 59):00}"), 160, 48, SKTextAlign.Center, font, ink);
        var total = 0;
        var lines = random.Between(3, 6);
        for (var i = 0; i < lines; i++)
        {
            var cents = random.Between(150, 2500);
            total += cents;
            canvas.DrawText(random.Pick(Items), 90, 72 + (i * 18), SKTextAlign.Left, font, ink);
            canvas.DrawText(Money(cents), 230, 72 + (i * 18), SKTextAlign.Right, font, ink);
        }

        canvas.DrawText("TOTAL", 90, 200, SKTextAlign.Left, bold, ink);
        canvas.DrawText(Money(total), 230, 200, SKTextAlign.Right, bold, ink);
        canvas.Restore();
    }

    private void DrawSign(SKCanvas canvas, SeededRandom random)
    {
        canvas.Clear(new SKColor((byte)random.Between(120, 200), (byte)random.Between(160, 210), (byte)random.Between(200, 240)));
        using var pole = new SKPaint { Color = new SKColor(110, 110, 110) };
        using var board = new SKPaint { Color = random.Chance(0.5) ? new SKColor(0, 110, 60) : new SKColor(20, 60, 150), IsAntialias = true };
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var border = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3 };
        using var big = new SKFont(_typeface, 30) { Embolden = true };
        using var small = new SKFont(_typeface, 18);
        canvas.DrawRect(new SKRect(152, 150, 168, 240), pole);
        var rect = new SKRoundRect(new SKRect(30, 40, 290, 160), 12);
        canvas.DrawRoundRect(rect, board);
        canvas.DrawRoundRect(new SKRoundRect(new SKRect(38, 48, 282, 152), 8), border);
        var word = random.Next(SignWords.Length);
        canvas.DrawText(SignWords[word], 160, 95, SKTextAlign.Center, big, white);
        canvas.DrawText(SignLines[random.Next(SignLines.Length)] + "  " + random.Between(1, 9).ToString(CultureInfo.InvariantCulture) + " km", 160, 135, SKTextAlign.Center, small, white);
        using var arrow = new SKPath();
        arrow.MoveTo(250, 100);
        arrow.LineTo(270, 115);
        arrow.LineTo(250, 130);
        arrow.Close();
        canvas.DrawPath(arrow, white);
    }

    private static void DrawLeaf(SKCanvas canvas, SeededRandom random)
    {
        canvas.Clear(new SKColor((byte)random.Between(225, 245), (byte)random.Between(220, 240), (byte)random.Between(200, 225)));
        var green = new SKColor((byte)random.Between(30, 90), (byte)random.Between(110, 170), (byte)random.Between(30, 80));
        using var leaf = new SKPaint { Color = green, IsAntialias = true };
        using var vein = new SKPaint { Color = green.WithAlpha(255).WithRed((byte)Math.Min(255, green.Red + 90)), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2 };
        var width = random.Between(50, 90);
        canvas.Save();
        canvas.RotateDegrees(random.Between(-35, 35), Width / 2f, Height / 2f);
        using var shape = new SKPath();
        shape.MoveTo(160, 25);
        shape.CubicTo(160 + width, 60, 160 + width, 170, 160, 205);
        shape.CubicTo(160 - width, 170, 160 - width, 60, 160, 25);
        shape.Close();
        canvas.DrawPath(shape, leaf);
        canvas.DrawLine(160, 25, 160, 230, vein);
        for (var y = 60; y < 190; y += random.Between(18, 26))
        {
            canvas.DrawLine(160, y + 12, 160 + (width * 0.55f), y, vein);
            canvas.DrawLine(160, y + 12, 160 - (width * 0.55f), y, vein);
        }

        canvas.Restore();
    }

    private void DrawProduct(SKCanvas canvas, SeededRandom random)
    {
        canvas.Clear(new SKColor(235, 235, 235));
        using var front = new SKPaint { Color = new SKColor((byte)random.Between(150, 240), (byte)random.Between(60, 200), (byte)random.Between(40, 160)), IsAntialias = true };
        using var side = new SKPaint { Color = front.Color.WithRed((byte)(front.Color.Red * 0.7)).WithGreen((byte)(front.Color.Green * 0.7)), IsAntialias = true };
        using var ink = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var black = new SKPaint { Color = SKColors.Black };
        using var brand = new SKFont(_typeface, 24) { Embolden = true };
        using var label = new SKFont(_typeface, 15);
        canvas.DrawRect(new SKRect(70, 50, 220, 220), front);
        using var top = new SKPath();
        top.MoveTo(220, 50);
        top.LineTo(255, 30);
        top.LineTo(255, 200);
        top.LineTo(220, 220);
        top.Close();
        canvas.DrawPath(top, side);
        canvas.DrawText(random.Pick(Brands), 145, 95, SKTextAlign.Center, brand, ink);
        canvas.DrawText(random.Pick(Products), 145, 125, SKTextAlign.Center, label, ink);
        using var barcodeBack = new SKPaint { Color = SKColors.White };
        canvas.DrawRect(new SKRect(95, 160, 195, 205), barcodeBack);
        var x = 100f;
        while (x < 190)
        {
            var w = random.Between(1, 3);
            canvas.DrawRect(new SKRect(x, 164, x + w, 200), black);
            x += w + random.Between(1, 3);
        }
    }

    private static string Money(int cents) => (cents / 100.0).ToString("F2", CultureInfo.InvariantCulture);
}
