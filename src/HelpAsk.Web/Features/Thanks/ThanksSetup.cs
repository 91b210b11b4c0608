namespace HelpAsk.Web.Features.Thanks;

public static class ThanksSetup
{
    public static IServiceCollection AddThanks(this IServiceCollection services)
    {
        services.AddScoped<ThanksStore>();
        services.AddScoped<ImpactFollowUps>();
        return services;
    }
}
