// The menu (MainLayout's #app-menu) in the browser alone, on pages with a circuit or without: it is open beside the
// page from MudBlazor's md breakpoint (960 px) and closed below it (app.css); the app bar's button ([data-menu-toggle])
// flips that with data-menu="toggled" on the document. Following a link in the menu or a click beside it (the scrim,
// shown only below the breakpoint) closes it again, as does crossing the breakpoint. Blazor's enhanced navigation
// resets the document element's attributes, which also closes a menu opened on a phone.
(() => {
    const root = document.documentElement;
    const reset = () => { delete root.dataset.menu; };
    window.matchMedia("(min-width: 960px)").addEventListener("change", reset);
    document.addEventListener("click", event => {
        if (!(event.target instanceof Element)) {
            return;
        }

        if (event.target.closest("[data-menu-toggle]")) {
            if (root.dataset.menu === "toggled") { reset(); } else { root.dataset.menu = "toggled"; }
        } else if (event.target.closest(".app-menu-scrim") || (root.dataset.menu === "toggled" && event.target.closest("#app-menu a, #app-menu button"))) {
            reset();
        }
    });
})();
