// Remembers the reader's light/dark choice on this device; null means "follow the system".
const key = "helpask.theme";

export function getSavedTheme() {
    try { return localStorage.getItem(key); } catch { return null; }
}

export function saveTheme(theme) {
    try { localStorage.setItem(key, theme); } catch { /* private mode: the choice lasts for this visit */ }
}
