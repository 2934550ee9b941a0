// Copy buttons: <button data-copy="element-id" hidden> copies that element's text. The button
// stays hidden where the clipboard cannot be written (no JavaScript, or not a secure context);
// the text can still be selected by hand.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    if (!navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      var source = document.getElementById(button.getAttribute('data-copy'));
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = 'Copied';
      }, function () {
        button.textContent = 'Copy failed: select the text instead';
      });
    });
  });
});
