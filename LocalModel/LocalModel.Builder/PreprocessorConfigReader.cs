using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LocalModel.Packaging;

namespace LocalModel.Builder;

/// <summary>Reads a HuggingFace CLIPImageProcessor <c>preprocessor_config.json</c> into the manifest's preprocessing section.</summary>
internal static class PreprocessorConfigReader
{
    public static PreprocessingManifest Read(string path, int imageSize)
    {
        var result = new PreprocessingManifest { ShortestEdge = imageSize, CropHeight = imageSize, CropWidth = imageSize };
        if (!File.Exists(path))
        {
            return result;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.TryGetProperty("size", out var size))
            {
                result.ShortestEdge = size.ValueKind == JsonValueKind.Number ? size.GetInt32()
                    : size.TryGetProperty("shortest_edge", out var se) ? se.GetInt32()
                    : size.TryGetProperty("height", out var sh) ? sh.GetInt32() : imageSize;
            }

            if (root.TryGetProperty("crop_size", out var crop))
            {
                if (crop.ValueKind == JsonValueKind.Number)
                {
                    result.CropHeight = result.CropWidth = crop.GetInt32();
                }
                else
                {
                    result.CropHeight = crop.GetProperty("height").GetInt32();
                    result.CropWidth = crop.GetProperty("width").GetInt32();
                }
            }

            if (root.TryGetProperty("rescale_factor", out var rf))
            {
                result.RescaleFactor = rf.GetDouble();
            }

            if (root.TryGetProperty("image_mean", out var mean))
            {
                result.ImageMean = ReadTriple(mean, path, "image_mean");
            }

            if (root.TryGetProperty("image_std", out var std))
            {
                result.ImageStd = ReadTriple(std, path, "image_std");
            }

            if (root.TryGetProperty("resample", out var resample))
            {
                result.Resample = resample.GetInt32() switch
                {
                    2 => "bilinear",
                    3 => "bicubic",
                    var other => throw new InvalidDataException($"'{path}': resample {other} is not supported (2 bilinear, 3 bicubic)."),
                };
            }

            if (root.TryGetProperty("image_aspect_ratio", out var aspect) && aspect.GetString() == "pad")
            {
                result.Mode = "pad_to_square";
            }

            return result;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }
        catch (System.InvalidOperationException ex)
        {
            throw new InvalidDataException($"'{path}': a field has the wrong type: {ex.Message}", ex);
        }
        catch (KeyNotFoundException ex)
        {
            throw new InvalidDataException($"'{path}': crop_size needs 'height' and 'width': {ex.Message}", ex);
        }
    }

    private static List<double> ReadTriple(JsonElement element, string path, string field)
    {
        var values = element.EnumerateArray().Select(e => e.GetDouble()).ToList();
        return values.Count == 3 ? values : throw new InvalidDataException($"'{path}': {field} must have 3 values, got {values.Count}.");
    }
}
