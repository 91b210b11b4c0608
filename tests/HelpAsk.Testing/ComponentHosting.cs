using System.Security.Claims;
using Bunit;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Shell;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace HelpAsk.Testing;

/// <summary>What HelpAsk's components need around them in a bunit context, set up the same way for every test.</summary>
public static class ComponentHosting
{
    /// <summary>The app frame: MudBlazor's services, the reader's clock, and JavaScript calls answered loosely.</summary>
    public static BunitContext UseAppFrame(this BunitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Services.AddMudServices();
        context.Services.AddShell();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }

    /// <summary>The app frame, the test app's database, its feed of changes and the real clock, and a user signed in as the account.</summary>
    public static BunitContext SignInAs(this BunitContext context, HelpAskAppFactory app, string accountId, string email)
    {
        ArgumentNullException.ThrowIfNull(app);
        context.Services.AddSingleton(app.Services.GetRequiredService<ChangeFeed>());
        return context.SignInAs(app.Services.GetRequiredService<IDbContextFactory<HelpAskDbContext>>(), accountId, email);
    }

    /// <summary>The app frame, the given database and the real clock, and a user signed in as the account.</summary>
    public static BunitContext SignInAs(this BunitContext context, IDbContextFactory<HelpAskDbContext> database, string accountId, string email)
    {
        context.UseAppFrame();
        context.Services.AddSingleton(database);
        context.Services.TryAddSingleton<ChangeFeed>();
        context.Services.AddSingleton(TimeProvider.System);
        context.Services.AddScoped<CurrentAccount>();
        context.Services.AddScoped<AccountProfile>();
        context.AddAuthorization().SetAuthorized(email).SetClaims(new Claim(ClaimTypes.NameIdentifier, accountId));
        return context;
    }
}
