using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;

namespace HelpAsk.Testing;

/// <summary>
/// Years of realistic history for one account: helpers, and requests sent over two years with every kind of
/// answer, help and thanks, made through the domain so they are what the app itself would have stored.
/// </summary>
public static class DashboardSeed
{
    public static async Task<IReadOnlyList<HelpRequest>> SeedAsync(HelpAskDbContext db, string ownerId, int requests, DateTime now, int helpers = 20)
    {
        ArgumentNullException.ThrowIfNull(db);
        var people = Enumerable.Range(1, helpers)
            .Select(i => new Helper { OwnerId = ownerId, Name = $"Helper {i:00}", Email = $"helper{i}@example.org", CreatedAt = now.AddYears(-3) })
            .ToList();
        db.Helpers.AddRange(people);

        var made = new List<HelpRequest>(requests);
        for (var i = 0; i < requests; i++)
        {
            var sent = now.AddDays(-(i % 730)).AddHours(-(i % 9));
            var request = HelpRequest.StartDraft(ownerId, sent.AddHours(-1), $"Request {i}");
            request.HelperId = people[(i * 7 + i / 3) % helpers].Id;
            request.ComposedText = $"Hi,\n\nCould you help me with task {i}?\n\nThank you,";
            request.MoveTo(RequestStatus.Sent, sent);
            request.PitfallsAtSend = i % 4;
            switch (i % 10)
            {
                case 0 or 5:
                    request.MoveTo(RequestStatus.Declined, sent.AddHours(5));
                    break;
                case 1:
                    request.MoveTo(RequestStatus.AlternativeOffered, sent.AddHours(5));
                    break;
                case 2:
                    request.MoveTo(RequestStatus.NoResponse, sent.AddDays(6));
                    break;
                case 6:
                    // Still waiting for an answer.
                    break;
                default:
                    request.MoveTo(RequestStatus.Accepted, sent.AddHours(3));
                    if (i % 10 is 3 or 4 or 8 && sent.AddDays(2) < now)
                    {
                        request.MoveTo(RequestStatus.Helped, sent.AddDays(2));
                        if (i % 3 != 0)
                        {
                            request.MoveTo(RequestStatus.Thanked, sent.AddDays(3) < now ? sent.AddDays(3) : now);
                        }
                    }

                    break;
            }

            made.Add(request);
        }

        db.HelpRequests.AddRange(made);
        await db.SaveChangesAsync();
        return made;
    }
}
