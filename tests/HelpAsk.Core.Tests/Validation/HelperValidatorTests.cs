using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;

namespace HelpAsk.Core.Tests.Validation;

public sealed class HelperValidatorTests
{
    private readonly HelperValidator validator = new();

    private static Helper Helper(string name = "Sam", string? email = null) =>
        new() { OwnerId = "account-1", Name = name, Email = email };

    [Fact]
    public void A_name_alone_is_enough()
    {
        Assert.True(validator.Validate(Helper()).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_helper_needs_a_name(string name)
    {
        var result = validator.Validate(Helper(name));

        var error = Assert.Single(result.Errors);
        Assert.Equal(nameof(Core.Domain.Helper.Name), error.PropertyName);
        Assert.Contains("name", error.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_very_long_name_is_refused_with_the_limit_in_the_message()
    {
        var result = validator.Validate(Helper(new string('a', Core.Domain.Helper.NameMaxLength + 1)));

        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains("100", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sam@example.org")]
    [InlineData("sam.o'neill+help@mail.example.co.uk")]
    [InlineData("  sam@example.org ")]
    public void Ordinary_addresses_are_accepted(string email)
    {
        Assert.True(validator.Validate(Helper(email: email)).IsValid);
    }

    [Theory]
    [InlineData("sam")]
    [InlineData("sam@")]
    [InlineData("@example.org")]
    [InlineData("sam@example")]
    [InlineData("sam@@example.org")]
    [InlineData("sam smith@example.org")]
    [InlineData("sam@example..org")]
    [InlineData("sam@example.")]
    [InlineData(".lead@example.org")]
    [InlineData("dou..ble@example.org")]
    [InlineData("a@x.org>,<b@x.org")]
    [InlineData("<a@example.org>")]
    [InlineData("Sam <sam@example.org>")]
    public void Malformed_addresses_get_a_clear_message(string email)
    {
        var result = validator.Validate(Helper(email: email));

        var error = Assert.Single(result.Errors);
        Assert.Contains("email address", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void No_email_is_fine_because_some_requests_are_made_in_person()
    {
        Assert.True(validator.Validate(Helper(email: "")).IsValid);
        Assert.True(validator.Validate(Helper(email: null)).IsValid);
    }
}
