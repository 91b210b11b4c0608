// Small browser-side helpers for the app shell.
const themeKey = "helpask.theme";

// The reader's light/dark choice on this device; null means "follow the system".
export function getSavedTheme() {
    try { return localStorage.getItem(themeKey); } catch { return null; }
}

export function saveTheme(theme) {
    try { localStorage.setItem(themeKey, theme); } catch { /* private mode: the choice lasts for this visit */ }
}

// Marks the page once its interactive circuit is live, so clicks are never lost to a page
// that is still prerendered (browser tests wait for this; CSS could too).
export function markInteractive() {
    document.documentElement.dataset.interactive = "true";
}
