// Small browser-side helpers for the app shell.

// Marks the page once its interactive circuit is live, so clicks are never lost to a page
// that is still prerendered (browser tests wait for this; CSS could too).
export function markInteractive() {
    document.documentElement.dataset.interactive = "true";
}

// After an in-app navigation, the page's heading takes the focus (screen readers announce the new page) unless
// the reader is already typing in a field of it: on a slow network the new page's fields can be typed in before
// this call arrives, and taking the focus then sent the following keys nowhere.
export function focusHeading(selector) {
    const active = document.activeElement;
    if (active && active !== document.body && active.matches("input, textarea, select, [contenteditable='true']")) { return; }
    const heading = document.querySelector(selector);
    if (heading) {
        if (!heading.hasAttribute("tabindex")) { heading.setAttribute("tabindex", "-1"); }
        heading.focus({ preventScroll: false });
    }
}
