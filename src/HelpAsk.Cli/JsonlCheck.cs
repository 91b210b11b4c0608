using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using HelpAsk.Core.Analysis;

namespace HelpAsk.Cli;

/// <summary>
/// <c>helpask check --format jsonl</c>: reads <c>{"id", "kind", "text"}</c> lines and writes one
/// <c>{"id", "findings"}</c> line per input, in order, streaming: memory stays flat however long the input.
/// A malformed line yields an error line and processing goes on.
/// </summary>
/// <remarks>
/// Input is split into lines as UTF-8 bytes and each line read with <see cref="Utf8JsonReader"/>; output
/// is written with one <see cref="Utf8JsonWriter"/> into a reused buffer, names and catalog texts
/// pre-encoded. The only strings made per line are the texts the analyzer needs. Well-formed lines are
/// analysed a few hundred at a time (<see cref="PitfallAnalyzer.AnalyzeAll"/>), which keeps each of the
/// analysis's passes in the processor's cache. A line the fast reader does not take as it stands
/// (malformed, an escaped or repeated field, an id that is not a string or a number) is read again as
/// text with <see cref="JsonDocument"/>, whose error messages the output reports.
/// </remarks>
internal static class JsonlCheck
{
    private const int BlockSize = 1 << 18;

    // Blocks checked side by side, ahead of the one being written: bounds memory (about 0.75 MB a block) whatever the
    // input's size. Eight a core, at most 64: with two a core, a block checked more slowly than the others held the writer
    // up and the cores sat idle (the whole process 4-8% slower on two cores, docs/performance.md, session 19).
    private static readonly int BlocksInFlight = Math.Clamp(Environment.ProcessorCount * 8, 2, 64);

    // Well-formed lines read before they are analysed together: as many as the analyzer takes through its passes at once.
    private const int LinesAnalysedTogether = PitfallAnalyzer.AnalysedTogether;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonEncodedText IdName = Encoded("id");
    private static readonly JsonEncodedText LineName = Encoded("line");
    private static readonly JsonEncodedText ErrorName = Encoded("error");
    private static readonly JsonEncodedText FindingsName = Encoded("findings");
    private static readonly JsonEncodedText RuleName = Encoded("rule");
    private static readonly JsonEncodedText KindName = Encoded("kind");
    private static readonly JsonEncodedText SeverityName = Encoded("severity");
    private static readonly JsonEncodedText StartName = Encoded("start");
    private static readonly JsonEncodedText LengthName = Encoded("length");
    private static readonly JsonEncodedText TextName = Encoded("text");
    private static readonly JsonEncodedText MessageName = Encoded("message");
    private static readonly JsonEncodedText SuggestionsName = Encoded("suggestions");
    private static readonly JsonEncodedText ReplacementName = Encoded("replacement");
    private static readonly JsonEncodedText LabelName = Encoded("label");
    private static readonly JsonEncodedText PitfallValue = Encoded("pitfall");
    private static readonly JsonEncodedText StrengthValue = Encoded("strength");
    private static readonly JsonEncodedText[] SeverityValues = [.. Enum.GetValues<FindingSeverity>().Select(s => Encoded(s.ToString().ToLowerInvariant()))];

    public static async Task<int> RunAsync(PitfallAnalyzer analyzer, string? path, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        Stream input;
        try
        {
            input = path is null or "-" ? stdin : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await stderr.WriteLineAsync($"helpask: cannot read {path}: {error.Message}");
            return HelpAskCommand.UsageError;
        }

        var anyPitfall = false;
        var writers = new ConcurrentBag<ResultWriter>();
        await using (input)
        {
            await using var utf8 = await Utf8Async(input, cancellationToken);
            using var blocks = new BlockReader(utf8);
            var inFlight = new Queue<Task<ResultWriter>>();
            while (await blocks.ReadAsync(cancellationToken) is { } block)
            {
                inFlight.Enqueue(Task.Run(() => Check(block), cancellationToken));
                if (inFlight.Count >= BlocksInFlight)
                {
                    await WriteAsync(await inFlight.Dequeue());
                }
            }

            while (inFlight.Count > 0)
            {
                await WriteAsync(await inFlight.Dequeue());
            }

            await stdout.FlushAsync(cancellationToken);
        }

        return anyPitfall ? HelpAskCommand.PitfallsFound : HelpAskCommand.Clean;

        ResultWriter Check(Block block)
        {
            var writer = writers.TryTake(out var reused) ? reused : new ResultWriter(analyzer);
            try
            {
                writer.Write(block);
                return writer;
            }
            finally
            {
                block.Dispose();
            }
        }

        async Task WriteAsync(ResultWriter writer)
        {
            anyPitfall |= writer.AnyPitfall;
            await stdout.WriteAsync(writer.Output, cancellationToken);
            writer.Clear();
            writers.Add(writer);
        }
    }

    /// <summary>The input as UTF-8 without a byte order mark, as a reader that detects any byte order mark once read it.</summary>
    private static async Task<Stream> Utf8Async(Stream input, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        var length = await input.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        Encoding? encoding = head.AsSpan(0, length) switch
        {
            [0xFF, 0xFE, 0, 0] => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
            [0, 0, 0xFE, 0xFF] => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
            [0xFF, 0xFE, ..] => Encoding.Unicode,
            [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
            _ => null,
        };
        var bom = head.AsSpan(0, length) is [0xEF, 0xBB, 0xBF, ..] ? 3 : encoding?.Preamble.Length ?? 0;
        var rest = new PrefixedStream(head[bom..length], input);
        return encoding is null ? rest : Encoding.CreateTranscodingStream(rest, encoding, Encoding.UTF8);
    }

    private static JsonEncodedText Encoded(string value) => JsonEncodedText.Encode(value, WriterOptions.Encoder);

    /// <summary>Checks a block of lines into its own output, so that blocks can be checked side by side.</summary>
    private sealed class ResultWriter(PitfallAnalyzer analyzer)
    {
        private readonly ArrayBufferWriter<byte> output = new(BlockSize * 2);
        private readonly Utf8JsonWriter writer = new(Stream.Null, WriterOptions);

        // Catalog texts (rule ids, messages, labels, replacements) are the same strings every time: each is encoded once,
        // into a slot chosen by the string's identity, which a dictionary asked through its comparer's interface cost more
        // than. A few hundred strings in 1,024 slots: a string that finds its slot taken is encoded again, and memory is
        // bounded whatever the strings.
        private readonly (string? Text, JsonEncodedText Encoded)[] encoded = new (string?, JsonEncodedText)[1024];

        public bool AnyPitfall { get; private set; }

        public ReadOnlyMemory<byte> Output => output.WrittenMemory;

        public void Clear()
        {
            output.ResetWrittenCount();
            AnyPitfall = false;
        }

        // The well-formed lines read but not yet analysed and written: each line's number and id (its bytes in `ids`), and
        // its text and kind.
        private readonly PendingLine[] pending = new PendingLine[LinesAnalysedTogether];
        private readonly string[] texts = new string[LinesAnalysedTogether];
        private readonly MessageKind[] kinds = new MessageKind[LinesAnalysedTogether];
        private readonly IReadOnlyList<PitfallFinding>[] findings = new IReadOnlyList<PitfallFinding>[LinesAnalysedTogether];
        private readonly ArrayBufferWriter<byte> ids = new(4096);
        private int pendingCount;

        public void Write(Block block)
        {
            var rest = block.Lines;
            var lineNumber = block.FirstLine;
            while (NextLine(ref rest, out var line))
            {
                lineNumber++;
                if (IsBlank(line))
                {
                    continue;
                }

                if (TryRead(line, lineNumber))
                {
                    if (pendingCount == LinesAnalysedTogether)
                    {
                        WritePending();
                    }

                    continue;
                }

                // Read the line again as text, as the reader once did: same ids, same error messages. In order: the
                // lines before it first.
                WritePending();
                writer.Reset(output);
                WriteResultFromText(Encoding.UTF8.GetString(line), lineNumber);
                EndLine();
            }

            WritePending();
        }

        private void WritePending()
        {
            if (pendingCount == 0)
            {
                return;
            }

            analyzer.AnalyzeAll(texts.AsSpan(0, pendingCount), kinds.AsSpan(0, pendingCount), findings.AsSpan(0, pendingCount));
            for (var i = 0; i < pendingCount; i++)
            {
                var line = pending[i];
                writer.Reset(output);
                writer.WriteStartObject();
                if (line.IdLength < 0)
                {
                    writer.WriteNumber(LineName, line.Number);
                }
                else if (line.IdIsString)
                {
                    writer.WriteString(IdName, ids.WrittenSpan.Slice(line.IdStart, line.IdLength));
                }
                else
                {
                    writer.WritePropertyName(IdName);
                    writer.WriteRawValue(ids.WrittenSpan.Slice(line.IdStart, line.IdLength), skipInputValidation: true);
                }

                WriteFindings(findings[i]);
                EndLine();
                (texts[i], findings[i]) = (null!, null!);
            }

            pendingCount = 0;
            ids.ResetWrittenCount();
        }

        private void EndLine()
        {
            writer.Flush();
            output.GetSpan(1)[0] = (byte)'\n';
            output.Advance(1);
        }

        /// <summary>
        /// The fast path: a well-formed object with plain "id", "kind" and "text" fields, each at most once, read into the
        /// pending lines.
        /// </summary>
        private bool TryRead(ReadOnlySpan<byte> line, int lineNumber)
        {
            var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
            ReadOnlySpan<byte> id = default;
            var idIsString = false;
            var (seenId, seenKind) = (false, false);
            string? text = null;
            var kind = MessageKind.Request;
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueIsEscaped)
                    {
                        return false;
                    }

                    var name = reader.ValueSpan;
                    reader.Read();
                    if (name.SequenceEqual("id"u8))
                    {
                        if (seenId || reader.ValueIsEscaped || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                        {
                            return false;
                        }

                        seenId = true;
                        id = reader.ValueSpan;
                        idIsString = reader.TokenType == JsonTokenType.String;
                        if (idIsString && !Utf8.IsValid(id))
                        {
                            return false;
                        }
                    }
                    else if (name.SequenceEqual("text"u8))
                    {
                        if (text is not null || reader.TokenType != JsonTokenType.String)
                        {
                            return false;
                        }

                        text = reader.GetString();
                    }
                    else if (name.SequenceEqual("kind"u8))
                    {
                        if (seenKind || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                        {
                            return false;
                        }

                        seenKind = true;
                        if (reader.ValueSpan.SequenceEqual("thanks"u8))
                        {
                            kind = MessageKind.Thanks;
                        }
                        else if (!reader.ValueSpan.SequenceEqual("request"u8))
                        {
                            return false;
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                // Anything after the object but white space makes the line malformed.
                if (text is null || reader.TokenType != JsonTokenType.EndObject || reader.Read())
                {
                    return false;
                }
            }
            catch (Exception error) when (error is JsonException or InvalidOperationException)
            {
                return false;
            }

            pending[pendingCount] = new PendingLine(lineNumber, ids.WrittenCount, seenId ? id.Length : -1, idIsString);
            ids.Write(id);
            (texts[pendingCount], kinds[pendingCount]) = (text, kind);
            pendingCount++;
            return true;
        }

        /// <summary>Any other line, read as a document: the rules of <see cref="TryRead"/> for every case it leaves out.</summary>
        private void WriteResultFromText(string line, int lineNumber)
        {
            JsonElement id = default;
            string? error = null;
            string? text = null;
            var kind = MessageKind.Request;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    error = "each line must be a JSON object";
                }
                else
                {
                    if (root.TryGetProperty("id", out var idValue))
                    {
                        id = idValue.Clone();
                    }

                    if (!root.TryGetProperty("text", out var textValue) || textValue.ValueKind != JsonValueKind.String)
                    {
                        error = "\"text\" must be a string";
                    }
                    else
                    {
                        text = textValue.GetString();
                    }

                    if (root.TryGetProperty("kind", out var kindValue))
                    {
                        switch (kindValue.ValueKind == JsonValueKind.String ? kindValue.GetString() : null)
                        {
                            case "request":
                                break;
                            case "thanks":
                                kind = MessageKind.Thanks;
                                break;
                            default:
                                error ??= "\"kind\" must be \"request\" or \"thanks\"";
                                break;
                        }
                    }
                }
            }
            catch (JsonException exception)
            {
                error = $"not valid JSON ({exception.Message})";
            }

            writer.WriteStartObject();
            if (id.ValueKind is JsonValueKind.Undefined)
            {
                writer.WriteNumber(LineName, lineNumber);
            }
            else
            {
                writer.WritePropertyName(IdName);
                id.WriteTo(writer);
            }

            if (error is not null)
            {
                writer.WriteString(ErrorName, $"line {lineNumber}: {error}");
                writer.WriteEndObject();
                return;
            }

            WriteFindings(analyzer.Analyze(text!, kind));
        }

        private void WriteFindings(IReadOnlyList<PitfallFinding> findings)
        {
            writer.WriteStartArray(FindingsName);
            foreach (var finding in findings)
            {
                AnyPitfall |= finding.Kind == FindingKind.Pitfall;
                writer.WriteStartObject();
                writer.WriteString(RuleName, Cached(finding.RuleId));
                writer.WriteString(KindName, finding.Kind == FindingKind.Pitfall ? PitfallValue : StrengthValue);
                writer.WriteString(SeverityName, SeverityValues[(int)finding.Severity]);
                writer.WriteNumber(StartName, finding.Start);
                writer.WriteNumber(LengthName, finding.Length);
                writer.WriteString(TextName, finding.Text);
                writer.WriteString(MessageName, Cached(finding.Message));
                writer.WriteStartArray(SuggestionsName);
                foreach (var suggestion in finding.Suggestions)
                {
                    writer.WriteStartObject();
                    writer.WriteString(ReplacementName, Cached(suggestion.Replacement));
                    writer.WriteString(LabelName, Cached(suggestion.Label));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private JsonEncodedText Cached(string value)
        {
            ref var slot = ref encoded[System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(value) & (encoded.Length - 1)];
            if (!ReferenceEquals(slot.Text, value))
            {
                slot = (value, Encoded(value));
            }

            return slot.Encoded;
        }

        /// <summary>Blank as <see cref="string.IsNullOrWhiteSpace"/> sees it, decoding only a line with non-ASCII bytes.</summary>
        private static bool IsBlank(ReadOnlySpan<byte> line)
        {
            var first = line.IndexOfAnyExcept(" \t\v\f"u8);
            return first < 0 || (line[first] >= 0x80 && string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(line)));
        }
    }

    /// <summary>A well-formed line waiting to be analysed: its number, and its id's place in the pending ids (length -1: none).</summary>
    private readonly record struct PendingLine(int Number, int IdStart, int IdLength, bool IdIsString);

    /// <summary>
    /// Takes the first line off <paramref name="rest"/>, ended by "\n", "\r" or "\r\n" as <see cref="StreamReader.ReadLine()"/> ends one.
    /// </summary>
    private static bool NextLine(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> line)
    {
        var at = rest.IndexOfAny((byte)'\n', (byte)'\r');
        if (at < 0)
        {
            line = rest;
            rest = default;
            return line.Length > 0;
        }

        line = rest[..at];
        rest = rest[(at + (rest[at] == (byte)'\r' && at + 1 < rest.Length && rest[at + 1] == (byte)'\n' ? 2 : 1))..];
        return true;
    }

    /// <summary>Whole lines of the input in a pooled buffer, and the number of lines before them.</summary>
    private sealed class Block(byte[] buffer, int length, int firstLine) : IDisposable
    {
        public ReadOnlySpan<byte> Lines => buffer.AsSpan(0, length);

        /// <summary>The number of lines before this block (so its first line's number is one more).</summary>
        public int FirstLine => firstLine;

        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>
    /// Cuts the input into blocks of whole lines, never between "\r" and "\n"; a block grows only for a line longer than it.
    /// </summary>
    private sealed class BlockReader(Stream stream) : IDisposable
    {
        private byte[] carry = ArrayPool<byte>.Shared.Rent(BlockSize);
        private int carried;
        private int lines;
        private bool ended;

        public async Task<Block?> ReadAsync(CancellationToken cancellationToken)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BlockSize, carried * 2));
            carry.AsSpan(0, carried).CopyTo(buffer);
            var length = carried;
            while (true)
            {
                while (!ended && length < buffer.Length)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                    length += read;
                    ended = read == 0;
                }

                // Cut after the last line ending whose next byte is known (so "\r\n" stays whole), or at the end.
                var cut = ended ? length : CutAfterLastLine(buffer.AsSpan(0, length));
                if (cut > 0 || length == 0)
                {
                    if (length == 0)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return null;
                    }

                    Keep(buffer.AsSpan(cut, length - cut));
                    var block = new Block(buffer, cut, lines);
                    lines += CountLineEndings(buffer.AsSpan(0, cut));
                    return block;
                }

                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(carry);

        private static int CutAfterLastLine(ReadOnlySpan<byte> read)
        {
            var at = read[..^1].LastIndexOfAny((byte)'\n', (byte)'\r');
            return at < 0 ? 0 : at + (read[at] == (byte)'\r' && read[at + 1] == (byte)'\n' ? 2 : 1);
        }

        private static int CountLineEndings(ReadOnlySpan<byte> lines) =>
            lines.Count((byte)'\n') + lines.Count((byte)'\r') - lines.Count("\r\n"u8);

        private void Keep(ReadOnlySpan<byte> rest)
        {
            if (rest.Length > carry.Length)
            {
                ArrayPool<byte>.Shared.Return(carry);
                carry = ArrayPool<byte>.Shared.Rent(rest.Length);
            }

            rest.CopyTo(carry);
            carried = rest.Length;
        }
    }

    /// <summary>The bytes already read, then the rest of the stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
    {
        private int taken;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (taken == prefix.Length)
            {
                return rest.Read(buffer, offset, count);
            }

            var length = Math.Min(count, prefix.Length - taken);
            prefix.AsSpan(taken, length).CopyTo(buffer.AsSpan(offset));
            taken += length;
            return length;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
