using HelpAsk.Web.Components;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Answers;
using HelpAsk.Web.Features.Coaching;
using HelpAsk.Web.Features.Dashboard;
using HelpAsk.Web.Features.Helpers;
using HelpAsk.Web.Features.Notifications;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Sending;
using HelpAsk.Web.Features.Shell;
using HelpAsk.Web.Features.Thanks;
using HelpAsk.Web.Features.YourData;
using HelpAsk.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Serve the packages' web assets (MudBlazor, Blazor) from the build output in every environment, so
// `dotnet run` works in Production; a published app serves them from its own wwwroot either way.
builder.WebHost.UseStaticWebAssets();

builder.AddHelpAskLogging();
builder.AddHelpAskData();
builder.AddSending();
builder.Services.AddHelpAskAccounts();
builder.Services.AddHelpAskHealthChecks();
builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    .AddHubOptions(hub => hub.MaximumReceiveMessageSize = CoachingSetup.LongestMessageBytes);
builder.Services.AddShell();
builder.Services.AddDashboard();
builder.Services.AddHelpers();
builder.Services.AddRequests();
builder.Services.AddThanks();
builder.Services.AddYourData();
builder.Services.AddCoaching();
builder.Services.AddAnswers(builder.Configuration);
builder.Services.AddNotifications();

var app = builder.Build();

await app.MigrateDatabaseAsync();

app.UseKnownProxies();
app.UseSecurityHeaders();
app.UseHelpAskErrorPages();
app.UseHelpAskRequestLogging();
app.UseReaderCulture();
app.UseAnswers();
app.UseFormProtection();
app.MapStaticAssets();
app.MapHelpAskHealthChecks();
app.MapShell();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapYourData();
app.MapNotifications();

await app.RunAsync();

/// <summary>The entry point, public so the test hosts can start the real app.</summary>
public partial class Program;
