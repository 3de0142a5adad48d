using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LocalModel.Tokenization;

/// <summary>
/// The parts of a SentencePiece <c>ModelProto</c> (protobuf, <c>sentencepiece_model.proto</c>) that the BPE merge loop needs:
/// pieces with scores and types, and the model type. Microsoft.ML.Tokenizers parses the rest.
/// </summary>
internal sealed class SentencePieceModelFile
{
    /// <summary><c>TrainerSpec.ModelType</c> value for BPE.</summary>
    public const int BpeModelType = 2;

    private SentencePieceModelFile(List<(string Piece, float Score, SentencePieceType Type)> pieces, int modelType)
    {
        Pieces = pieces;
        ModelType = modelType;
    }

    /// <summary>Gets the pieces; the index is the id.</summary>
    public IReadOnlyList<(string Piece, float Score, SentencePieceType Type)> Pieces { get; }

    /// <summary>Gets <c>trainer_spec.model_type</c> (1 unigram, the proto default; 2 BPE; 3 word; 4 char).</summary>
    public int ModelType { get; }

    /// <summary>Reads the model; <paramref name="path"/> names the file in error messages.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a SentencePiece model.</exception>
    public static SentencePieceModelFile Read(byte[] data, string path)
    {
        var pieces = new List<(string, float, SentencePieceType)>();
        var modelType = 1;
        var reader = new ProtoReader(data, 0, data.Length, path);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == 2)
            {
                pieces.Add(ReadPiece(reader.ReadMessage(), path, pieces.Count));
            }
            else if (field == 2 && wireType == 2)
            {
                var trainer = reader.ReadMessage();
                while (trainer.TryReadTag(out var trainerField, out var trainerWire))
                {
                    if (trainerField == 3 && trainerWire == 0)
                    {
                        modelType = (int)trainer.ReadVarint();
                    }
                    else
                    {
                        trainer.Skip(trainerWire);
                    }
                }
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        if (pieces.Count == 0)
        {
            throw new InvalidDataException($"'{path}' has no pieces; expected a SentencePiece model (sentencepiece_model.proto ModelProto).");
        }

        return new SentencePieceModelFile(pieces, modelType);
    }

    private static (string, float, SentencePieceType) ReadPiece(ProtoReader reader, string path, int index)
    {
        string? piece = null;
        var score = 0f;
        var type = SentencePieceType.Normal;
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, 2):
                    piece = reader.ReadString();
                    break;
                case (2, 5):
                    score = BitConverter.Int32BitsToSingle((int)reader.ReadFixed32());
                    break;
                case (3, 0):
                    type = (SentencePieceType)(int)reader.ReadVarint();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        if (piece is null || !Enum.IsDefined(type))
        {
            throw new InvalidDataException($"'{path}': piece {index} has {(piece is null ? "no text" : $"unknown type {(int)type}")}; expected a SentencePiece model.");
        }

        return (piece, score, type);
    }

    /// <summary>Minimal protobuf wire-format reader over a byte range.</summary>
    private sealed class ProtoReader(byte[] data, int position, int end, string path)
    {
        private int _position = position;

        public bool TryReadTag(out int field, out int wireType)
        {
            if (_position >= end)
            {
                field = 0;
                wireType = 0;
                return false;
            }

            var tag = ReadVarint();
            field = (int)(tag >> 3);
            wireType = (int)(tag & 7);
            if (field == 0)
            {
                throw Invalid("field number 0");
            }

            return true;
        }

        public ulong ReadVarint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_position >= end)
                {
                    throw Invalid("a truncated varint");
                }

                var b = data[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw Invalid("a varint longer than 10 bytes");
        }

        public uint ReadFixed32()
        {
            Need(4);
            var value = BitConverter.ToUInt32(data, _position);
            _position += 4;
            return value;
        }

        public ProtoReader ReadMessage()
        {
            var length = ReadLength();
            var message = new ProtoReader(data, _position, _position + length, path);
            _position += length;
            return message;
        }

        public string ReadString()
        {
            var length = ReadLength();
            var text = Encoding.UTF8.GetString(data, _position, length);
            _position += length;
            return text;
        }

        public void Skip(int wireType)
        {
            switch (wireType)
            {
                case 0:
                    ReadVarint();
                    break;
                case 1:
                    Need(8);
                    _position += 8;
                    break;
                case 2:
                    var length = ReadLength();
                    _position += length;
                    break;
                case 5:
                    Need(4);
                    _position += 4;
                    break;
                default:
                    throw Invalid($"wire type {wireType}");
            }
        }

        private int ReadLength()
        {
            var length = ReadVarint();
            if (length > (ulong)(end - _position))
            {
                throw Invalid($"a length of {length} bytes past the end of its message");
            }

            return (int)length;
        }

        private void Need(int count)
        {
            if (end - _position < count)
            {
                throw Invalid("a truncated fixed-size field");
            }
        }

        private InvalidDataException Invalid(string what) =>
            new($"'{path}' is not a SentencePiece model: {what} at byte {_position}; expected a protobuf ModelProto (sentencepiece_model.proto).");
    }
}
