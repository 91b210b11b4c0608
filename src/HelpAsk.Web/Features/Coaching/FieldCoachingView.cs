using Microsoft.AspNetCore.Components;

namespace HelpAsk.Web.Features.Coaching;

/// <summary>
/// A view of some fields' findings: it follows their changes itself and renders only when what it shows
/// (its <see cref="Signature"/>) changed, whether the change came from typing or from its parent.
/// </summary>
public abstract class FieldCoachingView : ComponentBase, IDisposable
{
    private List<FieldCoaching> watched = [];
    private string? shown;

    /// <summary>The fields this view shows.</summary>
    protected abstract IEnumerable<FieldCoaching> Watched { get; }

    /// <summary>What the view shows, as text: it renders again only when this changes.</summary>
    protected abstract string Signature();

    protected override void OnParametersSet()
    {
        var fields = Watched.ToList();
        if (!fields.SequenceEqual(watched))
        {
            Unwatch();
            watched = fields;
            foreach (var field in watched)
            {
                field.Changed += StateHasChanged;
            }
        }

        shown ??= Signature();
    }

    protected override bool ShouldRender()
    {
        var now = Signature();
        if (now == shown)
        {
            return false;
        }

        shown = now;
        return true;
    }

    public void Dispose()
    {
        Unwatch();
        GC.SuppressFinalize(this);
    }

    private void Unwatch()
    {
        foreach (var field in watched)
        {
            field.Changed -= StateHasChanged;
        }
    }
}
