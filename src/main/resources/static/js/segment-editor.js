// The segment editor: once the text of the expression differs from what the page showed, the rule
// builder no longer stands for it. Say so, and offer to load the text into the builder. (The server
// applies the same rule: a builder change never writes over edited text.) Delegated, because htmx
// replaces the editor after every builder change.
document.addEventListener("input", function (event) {
  if (event.target.id !== "expression") {
    return;
  }
  var written = document.getElementById("written");
  var note = document.getElementById("text-edited");
  if (!written || !note) {
    return;
  }
  var normalise = function (text) {
    return text.replace(/\r\n/g, "\n").trim();
  };
  note.hidden = normalise(event.target.value) === normalise(written.value);
});
