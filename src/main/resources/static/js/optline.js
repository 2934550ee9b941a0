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
  var done = function () {
    button.textContent = "Copied";
    button.setAttribute("data-copied", "true");
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () { selectText(source); });
  } else {
    selectText(source);
    done();
  }
});

// Where the clipboard is out of reach (plain http), select the text so a keyboard copy takes it.
function selectText(element) {
  var range = document.createRange();
  range.selectNodeContents(element);
  var selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  try {
    document.execCommand("copy");
  } catch (ignored) {
    // The selection stays for the person to copy by hand.
  }
}
