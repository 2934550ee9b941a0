// Small page behaviours that the strict Content-Security-Policy keeps out of the templates.
// A button with data-copy="#some-id" copies the text of that element (one-time keys and passwords).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) {
    return;
  }
  var source = document.querySelector(button.getAttribute("data-copy"));
  if (!source) {
    return;
  }
  var text = (source.value !== undefined ? source.value : source.textContent).trim();
  var told = function (state, label) {
    button.textContent = label;
    button.setAttribute("data-copy-state", state);
  };
  // Where the clipboard is refused, the text is selected instead and the button says so.
  var fallback = function () {
    if (selectText(source)) {
      told("copied", "Copied");
    } else {
      told("selected", "Selected: press Ctrl+C");
    }
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(function () { told("copied", "Copied"); }, fallback);
  } else {
    fallback();
  }
});

// Where the clipboard API is out of reach (plain http), selects the text and tries the older copy
// command; true when that copied. Either way the selection stays for a keyboard copy.
function selectText(element) {
  var range = document.createRange();
  range.selectNodeContents(element);
  var selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  try {
    return document.execCommand("copy");
  } catch (ignored) {
    return false;
  }
}
