using System.Net;
using System.Text.RegularExpressions;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>Submits a server-rendered form the way a browser without JavaScript does: its hidden fields (antiforgery, handler) plus the typed ones.</summary>
internal static partial class HtmlForms
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, string formName, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        return await SubmitAsync(client, path, page, formName, fields);
    }

    /// <summary>Submits the named form of an already loaded page.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, string page, string formName, IDictionary<string, string> fields)
    {
        var form = FormElement().Matches(page).Select(m => m.Value)
            .SingleOrDefault(f => f.Contains($"name=\"_handler\" value=\"{formName}\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No form '{formName}' on {path}");
        var values = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("<form.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
