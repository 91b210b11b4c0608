using FluentValidation;
using FluentValidation.Results;

namespace HelpAsk.Core.Validation;

/// <summary>One thing that stops a change: the field it is about (empty when it is about the whole) and what to tell the user.</summary>
public sealed record Problem(string Property, string Message);

/// <summary>
/// The one way a service says how a change it was asked for went: done, or failed with these problems. The validators
/// in this folder make them (<see cref="OutcomeChecks.CheckAsync"/>); a form shows a field's problems beside it and the
/// rest above it.
/// </summary>
public sealed record Outcome
{
    private Outcome(IReadOnlyList<Problem> problems) => Problems = problems;

    public static Outcome Done { get; } = new([]);

    public IReadOnlyList<Problem> Problems { get; }

    public bool Succeeded => Problems.Count == 0;

    /// <summary>Each message once, in order: what a list of problems shows.</summary>
    public IReadOnlyList<string> Errors => [.. Problems.Select(p => p.Message).Distinct()];

    public static Outcome Failed(string message, string property = "") => new([new Problem(property, message)]);

    public static Outcome Of(ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.IsValid ? Done : new([.. result.Errors.Select(e => new Problem(e.PropertyName, e.ErrorMessage))]);
    }

    /// <summary>This outcome if it failed; otherwise the next check's (a way of sending is checked only once the message is ready).</summary>
    public Outcome Then(Func<Outcome> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Succeeded ? next() : this;
    }

    /// <summary>The first message about <paramref name="property"/>, or null.</summary>
    public string? ErrorFor(string property) => Problems.FirstOrDefault(p => p.Property == property)?.Message;
}

public static class OutcomeChecks
{
    public static Outcome Check<T>(this IValidator<T> validator, T value)
    {
        ArgumentNullException.ThrowIfNull(validator);
        return Outcome.Of(validator.Validate(value));
    }

    public static async Task<Outcome> CheckAsync<T>(this IValidator<T> validator, T value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validator);
        return Outcome.Of(await validator.ValidateAsync(value, cancellationToken));
    }
}
