// The browser owns a coached field's text while the user types. Each change gets a version and goes to the
// server as (text, version); the server answers with the findings for that version, and they are drawn only
// while the field still holds that text. Text the server has not stored yet is kept in sessionStorage (per
// draft, per field, with its version) so a refresh, a closed connection or a restart loses nothing.
const prefix = "helpask.draft:";

function readDraft(key) {
    try { return JSON.parse(sessionStorage.getItem(prefix + key) ?? "{}"); } catch { return {}; }
}

function writeDraft(key, draft) {
    try {
        if (Object.keys(draft).length === 0) { sessionStorage.removeItem(prefix + key); }
        else { sessionStorage.setItem(prefix + key, JSON.stringify(draft)); }
    } catch { /* storage full or denied: the server copy still stands */ }
}

// What this tab typed that the server has not confirmed as stored: { field: { text, version } }, and the step.
// As JSON text, as the server reads it (BrowserDraftJson: no per-circuit type metadata for it).
export function pending(key) {
    return JSON.stringify(readDraft(key));
}

// The server stored these field versions (JSON text: { field: version }): forget what they cover.
export function acknowledge(key, versions) {
    const draft = readDraft(key);
    for (const [field, version] of Object.entries(JSON.parse(versions))) {
        if (draft[field] && draft[field].version <= version) { delete draft[field]; }
    }
    writeDraft(key, draft);
}

export function rememberStep(key, step) {
    const draft = readDraft(key);
    draft.step = { text: "", version: step };
    writeDraft(key, draft);
}

// A button that moves between steps notes its step in this tab as it is pressed, before the server hears of it: a
// refresh straight after (100-200 ms before the server's answer over a slow network) reopens the step pressed.
addEventListener("click", event => {
    const button = event.target instanceof Element ? event.target.closest("button[data-remember-step]") : null;
    if (button && !button.disabled && button.dataset.draftKey) {
        rememberStep(button.dataset.draftKey, Number(button.dataset.rememberStep));
    }
}, true);

// The text on screen in this draft's fields now, with its version: what a check or send must store first, even if
// the field's latest change is still waiting behind an earlier call (one call per field is in flight at a time).
// A field the browser has not wired up yet (it appears a render acknowledgement and two calls before attach, 400 ms
// over a slow network) counts too: text pasted into it and Next pressed at once would otherwise leave with it.
export function onScreen(key) {
    const shown = {};
    for (const textarea of document.querySelectorAll("textarea[data-draft-key]")) {
        const state = fields.get(textarea);
        if (state) {
            if (state.key === key && !state.composing) { shown[state.field] = { text: textarea.value, version: state.version }; }
        } else if (textarea.dataset.draftKey === key) {
            // Newer than what the server rendered; attach starts counting from here so later keys stay newer still.
            const version = Math.max(Number(textarea.dataset.version), Number(textarea.dataset.reported ?? 0)) + 1;
            textarea.dataset.reported = String(version);
            shown[textarea.dataset.field] = { text: textarea.value, version };
        }
    }
    return JSON.stringify(shown);
}

export function forget(key) {
    writeDraft(key, {});
}

const fields = new WeakMap();

// items: the findings as JSON text, [{ start, length, rule, pitfall }] (as show's and TextChanged's answer).
export function attach(textarea, backdrop, counter, dotnet, key, field, text, version, items) {
    // The field already left the page (Next pressed again while this module loaded): nothing to attach to.
    if (!textarea) { return; }
    items = JSON.parse(items);
    // Text taken from the field before it was wired up (onScreen) was stored under a later version than the rendered one.
    version = Math.max(version, Number(textarea.dataset.reported ?? 0));
    const state = { textarea, backdrop, counter, dotnet, key, field, version, sentVersion: version, inFlight: false, composing: false, findings: { version, text, items } };
    fields.set(textarea, state);
    textarea.dataset.attached = "true";
    // Text this tab typed that the server never stored (a refresh, a lost connection) wins over the older
    // stored text, and is sent again; so does anything typed before the page became interactive.
    const unsaved = readDraft(key)[field];
    if (unsaved && unsaved.text !== text) {
        textarea.value = unsaved.text;
        state.version = Math.max(version, unsaved.version);
        changed(state);
    } else if (textarea.value !== text) {
        changed(state);
    } else {
        drawMarks(state);
    }
    showCount(state);
    textarea.addEventListener("compositionstart", () => { state.composing = true; });
    textarea.addEventListener("compositionend", () => { state.composing = false; changed(state); });
    textarea.addEventListener("input", e => {
        if (e.isComposing || state.composing) { drawMarks(state); return; }
        changed(state);
    });
    textarea.addEventListener("scroll", () => { backdrop.scrollTop = textarea.scrollTop; });
}

export function detach(textarea) {
    const state = fields.get(textarea);
    if (state) { state.dotnet = null; }
}

// FNV-1a over UTF-16 code units: the server computes the same (TypedTexts.Hash) to recognise its own saves.
export function hash(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) { h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0; }
    return h >>> 0;
}

function changed(state) {
    state.version++;
    const text = state.textarea.value;
    const draft = readDraft(state.key);
    // The texts this tab sent (hashed): a save of one of them that this tab never heard of is its own, not another tab's.
    const sent = (draft[state.field]?.sent ?? []).concat(hash(text)).slice(-500);
    draft[state.field] = { text, version: state.version, sent };
    writeDraft(state.key, draft);
    drawMarks(state);
    showCount(state);
    send(state);
}

// One call in flight per field; when it returns, the latest text goes next. Nothing is dropped: every call
// carries the whole text, so the newest version replaces all before it.
async function send(state) {
    if (state.inFlight || !state.dotnet) { return; }
    state.inFlight = true;
    try {
        while (state.dotnet && state.sentVersion !== state.version) {
            const version = state.version;
            const text = state.textarea.value;
            try {
                // A call lost with a dropped connection never answers: give up on it after a while and send again.
                const result = await Promise.race([
                    state.dotnet.invokeMethodAsync("TextChanged", text, version),
                    new Promise((_, reject) => setTimeout(() => reject(new Error("no answer")), 5000)),
                ]);
                state.sentVersion = version;
                if (result) { state.findings = { version, text, items: JSON.parse(result) }; drawMarks(state); }
            } catch {
                // The connection is down: the text waits in sessionStorage; try again shortly.
                await new Promise(resolve => setTimeout(resolve, 1000));
                if (!state.textarea.isConnected) { return; }
            }
        }
    } finally {
        state.inFlight = false;
    }
}

// Findings apply to the text they were computed for. When the text moved on, a finding is kept only where
// the words around it did not change (common start and end), shifted by what was typed before it.
function mapFindings(state) {
    const found = state.findings;
    if (!found) { return []; }
    const now = state.textarea.value;
    if (found.text === now) { return found.items; }
    let head = 0;
    const max = Math.min(found.text.length, now.length);
    while (head < max && found.text[head] === now[head]) { head++; }
    let tail = 0;
    while (tail < max - head && found.text[found.text.length - 1 - tail] === now[now.length - 1 - tail]) { tail++; }
    const shift = now.length - found.text.length;
    const changedEnd = found.text.length - tail;
    return found.items.flatMap(f => {
        const end = f.start + f.length;
        if (end <= head) { return [f]; }
        if (f.start >= changedEnd) { return [{ ...f, start: f.start + shift }]; }
        return [];
    });
}

function drawMarks(state) {
    const text = state.textarea.value;
    const kept = [];
    const items = mapFindings(state)
        .filter(f => f.start >= 0 && f.length > 0 && f.start + f.length <= text.length)
        .sort((a, b) => (a.pitfall === b.pitfall ? a.start - b.start : a.pitfall ? -1 : 1));
    for (const f of items) {
        if (!kept.some(k => f.start < k.start + k.length && k.start < f.start + f.length)) { kept.push(f); }
    }
    kept.sort((a, b) => a.start - b.start);
    const nodes = [];
    let position = 0;
    for (const f of kept) {
        if (f.start > position) { nodes.push(document.createTextNode(text.slice(position, f.start))); }
        const mark = document.createElement("mark");
        mark.className = f.pitfall ? "finding finding-pitfall" : "finding finding-strength";
        mark.dataset.rule = f.rule;
        mark.textContent = text.slice(f.start, f.start + f.length);
        nodes.push(mark);
        position = f.start + f.length;
    }
    // A trailing line break needs something after it to take up its line.
    nodes.push(document.createTextNode(text.slice(position) + "\u200B"));
    state.backdrop.replaceChildren(...nodes);
}

function showCount(state) {
    const max = state.textarea.maxLength;
    if (!state.counter || max <= 0) { return; }
    const length = state.textarea.value.length;
    state.counter.textContent = length >= max * 0.9
        ? `${length.toLocaleString()} of ${max.toLocaleString()} characters${length >= max ? ": that's the limit for this part" : ""}`
        : "";
}

// Findings the server worked out without a keystroke (after the coaching settings changed, or on opening).
export function show(textarea, version, text, items) {
    const state = fields.get(textarea);
    if (!state) { return; }
    state.findings = { version, text, items: JSON.parse(items) };
    drawMarks(state);
}

// A change the server proposes (a one-click fix, a rebuilt message, the other tab's version): made in the
// browser, as an edit the user can undo, and only if the field still says what the change was made from.
export function replace(textarea, from, to, asEdit) {
    const state = fields.get(textarea);
    if (!state) { return false; }
    const now = textarea.value;
    if (now !== from) { return false; }
    let head = 0;
    const max = Math.min(from.length, to.length);
    while (head < max && from[head] === to[head]) { head++; }
    let tail = 0;
    while (tail < max - head && from[from.length - 1 - tail] === to[to.length - 1 - tail]) { tail++; }
    const inserted = to.slice(head, to.length - tail);
    if (asEdit) {
        // execCommand keeps the change on the browser's undo stack (it fires "input" itself).
        textarea.focus();
        textarea.setSelectionRange(head, from.length - tail);
        if (document.execCommand("insertText", false, inserted)) { return true; }
    }
    // Not the user's own edit (a note following its answers), or execCommand refused: set the text directly.
    textarea.setRangeText(inserted, head, from.length - tail, "end");
    changed(state);
    return true;
}

// Before the page goes, say once more what is not stored (the server saves it on leaving).
addEventListener("pagehide", () => {
    for (const textarea of document.querySelectorAll("textarea[data-attached='true']")) {
        const state = fields.get(textarea);
        if (state && state.dotnet && state.sentVersion !== state.version) {
            try { state.dotnet.invokeMethodAsync("TextChanged", textarea.value, state.version); } catch { /* kept in sessionStorage */ }
        }
    }
});
