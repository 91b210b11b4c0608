using HelpAsk.Core.Analysis;

namespace HelpAsk.Web.Features.Coaching;

/// <summary>A finding in one of the composer's fields.</summary>
public sealed record FieldFinding(string Field, string FieldLabel, PitfallFinding Finding);
