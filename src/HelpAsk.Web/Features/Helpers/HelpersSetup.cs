using FluentValidation;
using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;

namespace HelpAsk.Web.Features.Helpers;

public static class HelpersSetup
{
    public static IServiceCollection AddHelpers(this IServiceCollection services)
    {
        services.AddSingleton<IValidator<Helper>, HelperValidator>();
        services.AddScoped<HelperDirectory>();
        return services;
    }
}
