using FluentValidation;
using HelpAsk.Core.Validation;

namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// The one way a form checks what is typed, as MudBlazor documents it for FluentValidation: the Core validator goes in
/// <c>MudForm Validation</c>, and each field with a <c>For</c> is checked by the rules of its own property, as it changes
/// and on <c>MudForm.Validate()</c>. The services check again with the same validator.
/// </summary>
public static class FormValidation
{
    public static Func<object, string, Task<IEnumerable<string>>> Of<TModel>(IValidator<TModel> validator) =>
        Of<TModel, TModel>(validator, model => model);

    /// <summary>For a form whose fields are shaped for its inputs (a date picker's <c>DateTime?</c>), turned into the validated model; property names match.</summary>
    public static Func<object, string, Task<IEnumerable<string>>> Of<TForm, TModel>(IValidator<TModel> validator, Func<TForm, TModel> toModel)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(toModel);
        return async (form, property) =>
        {
            var result = await validator.ValidateAsync(ValidationContext<TModel>.CreateWithOptions(toModel((TForm)form), o => o.IncludeProperties(property)));
            return result.Errors.Select(e => e.ErrorMessage);
        };
    }
}
