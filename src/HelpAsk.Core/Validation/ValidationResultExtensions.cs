using FluentValidation.Results;

namespace HelpAsk.Core.Validation;

public static class ValidationResultExtensions
{
    /// <summary>One message per field (the first), keyed by property name: what a form shows beside each field.</summary>
    public static IReadOnlyDictionary<string, string> FirstErrorByProperty(this ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);
    }
}
