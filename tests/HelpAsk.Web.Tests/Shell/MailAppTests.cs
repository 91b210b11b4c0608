using HelpAsk.Web.Features.Shell;

namespace HelpAsk.Web.Tests.Shell;

public sealed class MailAppTests
{
    [Fact]
    public void The_link_carries_address_subject_and_body_escaped_so_the_mail_program_gets_them_whole()
    {
        var link = MailApp.Link("sam+help@example.org", "Thank you & more", "Dear Sam,\nthanks?");

        Assert.Equal("mailto:sam%2Bhelp%40example.org?subject=Thank%20you%20%26%20more&body=Dear%20Sam%2C%0Athanks%3F", link);
    }

    [Fact]
    public void A_helper_without_an_address_leaves_it_for_the_user_to_fill_in()
    {
        Assert.StartsWith("mailto:?subject=", MailApp.Link(null, "Thank you", ""), StringComparison.Ordinal);
    }
}
