// Applies the reader's light/dark choice to the document before its first paint: data-theme="dark" selects the dark
// palette of /theme.css. A choice made on this device wins; without one the system's setting is followed, also when
// it changes while the page is open. Blazor's enhanced navigation rewrites the document element's attributes to the
// server's (which has none), so the attribute is put back whenever anything else changes it. The app bar's button
// ([data-theme-toggle]) switches here in the browser, on pages with a circuit or without.
(() => {
    const key = "helpask.theme";
    const system = window.matchMedia("(prefers-color-scheme: dark)");
    let chosen = null; // a choice made on this page holds even where it cannot be saved (private mode)
    const saved = () => {
        try { return localStorage.getItem(key); } catch { return null; }
    };
    const wanted = () => {
        const choice = chosen ?? saved();
        return choice === "dark" || choice === "light" ? choice : (system.matches ? "dark" : "light");
    };
    const apply = () => {
        const theme = wanted();
        if (document.documentElement.dataset.theme !== theme) { document.documentElement.dataset.theme = theme; }
    };
    const choose = theme => {
        chosen = theme;
        try { localStorage.setItem(key, theme); } catch { /* private mode: the choice lasts for this page */ }
        apply();
    };
    apply();
    system.addEventListener("change", apply);
    new MutationObserver(apply).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    document.addEventListener("click", event => {
        if (event.target instanceof Element && event.target.closest("[data-theme-toggle]")) {
            choose(document.documentElement.dataset.theme === "dark" ? "light" : "dark");
        }
    });
})();
