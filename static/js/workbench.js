// The review workbench's keyboard: V verifies the file shown, R puts the cursor in the rejection
// note (Enter sends it), N opens the next file. htmx swaps only the panel, the file's line, the
// counts and the score; focus goes to the new panel's heading, or to the note when it needs text.
(() => {
  const root = document.querySelector("[data-workbench]");
  if (!root) return;
  const item = () => document.getElementById("workbench-item");
  const typing = (el) => el && el.closest && el.closest("input, textarea, select, [contenteditable]");

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const panel = item();
    if (!panel) return;
    const key = event.key.toLowerCase();
    if (key === "v") {
      const verify = panel.querySelector("[data-key-verify]");
      if (verify) { event.preventDefault(); verify.click(); }
    } else if (key === "r") {
      const note = panel.querySelector("#wb-note");
      if (note) { event.preventDefault(); note.focus(); }
    } else if (key === "n" || key === "j") {
      const next = panel.querySelector("[data-key-next]");
      if (next) { event.preventDefault(); next.click(); }
    }
  });

  // After a swap that took the focused control away, the new panel (or its note) takes focus.
  document.body.addEventListener("htmx:afterSettle", () => {
    const panel = item();
    const active = document.activeElement;
    if (!panel || (active && active !== document.body && document.contains(active))) return;
    const invalid = panel.querySelector("[aria-invalid='true']");
    (invalid || panel).focus();
  });
})();
