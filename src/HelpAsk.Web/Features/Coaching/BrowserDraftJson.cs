using System.Text.Json.Serialization;

namespace HelpAsk.Web.Features.Coaching;

/// <summary>What the browser kept for a key: the text, its version, and the hashes of texts it sent (for "step", the step).</summary>
public sealed record UnsavedText(string Text, int Version, uint[]? Sent);

/// <summary>A finding as the browser draws it (CoachedTextArea.razor.js).</summary>
public sealed record FindingMark(int Start, int Length, string Rule, bool Pitfall);

/// <summary>
/// The coached fields' JS interop payloads as JSON text, with metadata built once for the process. Each circuit's
/// <c>IJSRuntime</c> serialises through its own <c>JsonSerializerOptions</c>, which builds and keeps type metadata
/// (and emitted accessors) for every type it meets, and for each of the type's interfaces: a dictionary or a list of
/// records passed through it cost every open composer that metadata again. Passed as strings, they cost nothing more
/// than the strings Blazor's own calls already use.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(Dictionary<string, UnsavedText>))]
[JsonSerializable(typeof(Dictionary<string, int>))]
[JsonSerializable(typeof(List<FindingMark>))]
internal sealed partial class BrowserDraftJson : JsonSerializerContext;
