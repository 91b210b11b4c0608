using System.ComponentModel.DataAnnotations;
using HelpAsk.Core.Validation;

namespace HelpAsk.Web.Features.Account;

/// <summary>The account forms' use of <see cref="EmailAddresses.CanReceiveEmail"/>, the test the helpers directory applies too.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CanReceiveEmailAttribute() : ValidationAttribute(EmailAddresses.Message)
{
    public override bool IsValid(object? value) => value is not string address || address.Length == 0 || EmailAddresses.CanReceiveEmail(address);
}
