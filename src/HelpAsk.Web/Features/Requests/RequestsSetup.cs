namespace HelpAsk.Web.Features.Requests;

public static class RequestsSetup
{
    public static IServiceCollection AddRequests(this IServiceCollection services)
    {
        services.AddScoped<RequestStore>();
        return services;
    }
}
