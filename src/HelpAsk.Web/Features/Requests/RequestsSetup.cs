using FluentValidation;
using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;

namespace HelpAsk.Web.Features.Requests;

public static class RequestsSetup
{
    public static IServiceCollection AddRequests(this IServiceCollection services)
    {
        services.AddSingleton<IValidator<HelpRequest>, HelpRequestDraftValidator>();
        services.AddScoped<RequestStore>();
        services.AddScoped<RequestTracking>();
        services.AddHostedService<DeletedDraftPurge>();
        return services;
    }
}
