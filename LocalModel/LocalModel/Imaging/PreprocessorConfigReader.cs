using System;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace LocalModel.Imaging;

/// <summary>
/// Parses the CLIPImageProcessor fields of a HuggingFace <c>preprocessor_config.json</c> into
/// <see cref="ImagePreprocessingOptions"/>; every error names the file and the field.
/// </summary>
internal static class PreprocessorConfigReader
{
    // CLIPImageProcessor's constructor defaults, used for absent fields as transformers does.
    private const int HfDefaultSize = 224;

    public static ImagePreprocessingOptions Parse(string json, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{sourceName}: not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{sourceName}: expected a JSON object at the top level, got {root.ValueKind}.");
            }

            var reader = new FieldReader(root, sourceName);
            var options = new ImagePreprocessingOptions
            {
                DoResize = reader.Bool("do_resize", true),
                DoCenterCrop = reader.Bool("do_center_crop", true),
                DoRescale = reader.Bool("do_rescale", true),
                RescaleFactor = reader.PositiveNumber("rescale_factor", 1.0 / 255.0),
                DoNormalize = reader.Bool("do_normalize", true),
                ImageMean = reader.Channels("image_mean", ImagePreprocessingOptions.ClipMean, requirePositive: false),
                ImageStd = reader.Channels("image_std", ImagePreprocessingOptions.ClipStd, requirePositive: true),
                Resampler = reader.Resample("resample"),
            };

            // do_convert_rgb is checked for type only: images are always converted to 3-channel RGB,
            // which is what every CLIP vision encoder takes.
            _ = reader.Bool("do_convert_rgb", true);

            options = reader.Size("size", options);
            var (cropHeight, cropWidth) = reader.CropSize("crop_size");
            options = options with { CropHeight = cropHeight, CropWidth = cropWidth };

            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{sourceName}: {ex.Message}", ex);
            }

            return options;
        }
    }

    private readonly struct FieldReader(JsonElement root, string sourceName)
    {
        public bool Bool(string field, bool fallback)
        {
            if (!TryGet(field, out var value))
            {
                return fallback;
            }

            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error(field, "must be true or false", value),
            };
        }

        public double PositiveNumber(string field, double fallback)
        {
            if (!TryGet(field, out var value))
            {
                return fallback;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number) || number <= 0)
            {
                throw Error(field, "must be a positive number", value);
            }

            return number;
        }

        public double[] Channels(string field, System.Collections.Generic.IReadOnlyList<double> fallback, bool requirePositive)
        {
            if (!TryGet(field, out var value))
            {
                return [fallback[0], fallback[1], fallback[2]];
            }

            var expected = requirePositive
                ? "must be a positive number or an array of 3 positive numbers"
                : "must be a number or an array of 3 numbers";

            // transformers broadcasts a single float to every channel.
            if (value.ValueKind == JsonValueKind.Number)
            {
                var single = ChannelValue(value, field, expected, requirePositive);
                return [single, single, single];
            }

            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 3)
            {
                throw Error(field, expected, value);
            }

            var result = new double[3];
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                result[i++] = ChannelValue(item, field, expected, requirePositive);
            }

            return result;
        }

        public ImageResampler Resample(string field)
        {
            if (!TryGet(field, out var value))
            {
                return ImageResampler.Bicubic;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var code))
            {
                throw Error(field, "must be a PIL resampling number (2 bilinear or 3 bicubic)", value);
            }

            return code switch
            {
                2 => ImageResampler.Bilinear,
                3 => ImageResampler.Bicubic,
                _ => throw new InvalidDataException(
                    $"{sourceName}: field '{field}' is {code} ({PilName(code)}); only 2 (bilinear) and 3 (bicubic) are supported."),
            };
        }

        public ImagePreprocessingOptions Size(string field, ImagePreprocessingOptions options)
        {
            const string Expected = "must be an integer, {\"shortest_edge\": n} or {\"height\": h, \"width\": w}";
            if (!TryGet(field, out var value))
            {
                return options with { ShortestEdge = HfDefaultSize, ResizeHeight = null, ResizeWidth = null };
            }

            // An integer size means the shortest edge for CLIP (get_size_dict(default_to_square=False)).
            if (value.ValueKind == JsonValueKind.Number)
            {
                return options with { ShortestEdge = Side(value, field, Expected), ResizeHeight = null, ResizeWidth = null };
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                throw Error(field, Expected, value);
            }

            // CLIPImageProcessor.resize checks shortest_edge first, then height and width.
            if (value.TryGetProperty("shortest_edge", out var shortest))
            {
                return options with { ShortestEdge = Side(shortest, field + ".shortest_edge", Expected), ResizeHeight = null, ResizeWidth = null };
            }

            if (value.TryGetProperty("height", out var height) && value.TryGetProperty("width", out var width))
            {
                return options with
                {
                    ResizeHeight = Side(height, field + ".height", Expected),
                    ResizeWidth = Side(width, field + ".width", Expected),
                };
            }

            throw Error(field, Expected, value);
        }

        public (int Height, int Width) CropSize(string field)
        {
            const string Expected = "must be an integer or {\"height\": h, \"width\": w}";
            if (!TryGet(field, out var value))
            {
                return (HfDefaultSize, HfDefaultSize);
            }

            if (value.ValueKind == JsonValueKind.Number)
            {
                var side = Side(value, field, Expected);
                return (side, side);
            }

            if (value.ValueKind == JsonValueKind.Object
                && value.TryGetProperty("height", out var height)
                && value.TryGetProperty("width", out var width))
            {
                return (Side(height, field + ".height", Expected), Side(width, field + ".width", Expected));
            }

            throw Error(field, Expected, value);
        }

        private bool TryGet(string field, out JsonElement value)
        {
            // A JSON null means "not set", as in transformers' keyword defaults.
            return root.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;
        }

        private int Side(JsonElement value, string field, string expected)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var side))
            {
                throw Error(field, expected, value);
            }

            if (side < 1 || side > ImagePreprocessingOptions.MaxSide)
            {
                throw new InvalidDataException(
                    $"{sourceName}: field '{field}' must be between 1 and {ImagePreprocessingOptions.MaxSide}, got {side}.");
            }

            return side;
        }

        private double ChannelValue(JsonElement value, string field, string expected, bool requirePositive)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number)
                || (requirePositive && number <= 0))
            {
                throw Error(field, expected, value);
            }

            return number;
        }

        private InvalidDataException Error(string field, string expected, JsonElement value)
        {
            var shown = value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                ? value.ValueKind.ToString().ToLowerInvariant()
                : value.GetRawText();
            if (shown.Length > 60)
            {
                shown = string.Concat(shown.AsSpan(0, 60), "...");
            }

            return new InvalidDataException(
                string.Create(CultureInfo.InvariantCulture, $"{sourceName}: field '{field}' {expected}, got {shown}."));
        }

        private static string PilName(int code) => code switch
        {
            0 => "nearest",
            1 => "lanczos",
            4 => "box",
            5 => "hamming",
            _ => "unknown",
        };
    }
}
