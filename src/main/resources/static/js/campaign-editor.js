// The campaign editor's three formats. The form always carries `format`, `markdown` and `html`:
// Markdown is written in EasyMDE (into the `markdown` textarea), rich text in Quill (its HTML is
// copied into the `html` textarea), raw HTML in the `html` textarea itself. The server renders and
// sanitises whichever the format names, on save and in the live preview.
// Loaded as a file, never inline: the pages run under a CSP without 'unsafe-inline'.
(function () {
  'use strict';

  const form = document.getElementById('campaign-form');
  const select = document.getElementById('c-format');
  if (!form || !select) {
    return;
  }
  const html = document.getElementById('c-html');
  const markdown = document.getElementById('c-markdown');
  const richtext = document.getElementById('c-richtext');
  const readOnly = select.matches(':disabled');
  const panels = {
    html: document.getElementById('html-panel'),
    markdown: document.getElementById('markdown-panel'),
    richtext: document.getElementById('richtext-panel')
  };
  let current = select.value;
  let mde = null;
  let quill = null;

  // Asks htmx for a new live preview (the html textarea carries the hx-post).
  function changed() {
    html.dispatchEvent(new Event('optline-changed'));
  }

  function markdownEditor() {
    if (mde === null) {
      const button = (name, text, action) => ({ name: name, text: text, title: text, action: action });
      mde = new EasyMDE({
        element: markdown,
        // Both would fetch from a CDN, which the policy (and the product) refuses.
        autoDownloadFontAwesome: false,
        spellChecker: false,
        nativeSpellcheck: true,
        autosave: { enabled: false },
        status: false,
        forceSync: true,
        minHeight: '12rem',
        // The preview is the server's (rendered and sanitised as it is sent), not the editor's own.
        toolbar: [
          button('bold', 'Bold', EasyMDE.toggleBold),
          button('italic', 'Italic', EasyMDE.toggleItalic),
          button('heading', 'Heading', EasyMDE.toggleHeadingSmaller),
          button('quote', 'Quote', EasyMDE.toggleBlockquote),
          button('unordered-list', 'List', EasyMDE.toggleUnorderedList),
          button('ordered-list', 'Numbered', EasyMDE.toggleOrderedList),
          button('link', 'Link', EasyMDE.drawLink)
        ]
      });
      if (readOnly) {
        mde.codemirror.setOption('readOnly', true);
      }
      mde.codemirror.on('change', changed);
    }
    return mde;
  }

  // Quill 2.0.3 writes every space of its semantic HTML as &nbsp;, which would stop lines from
  // wrapping in mail clients; ordinary spaces are what the writer typed.
  function semanticHtml() {
    return quill.getSemanticHTML().replace(/&nbsp;/g, ' ');
  }

  function richTextEditor() {
    if (quill === null) {
      quill = new Quill(richtext, {
        theme: 'snow',
        readOnly: readOnly,
        modules: {
          toolbar: [[{ header: [1, 2, 3, false] }], ['bold', 'italic', 'underline', 'link'],
            [{ list: 'ordered' }, { list: 'bullet' }], ['blockquote'], ['clean']]
        }
      });
      quill.on('text-change', () => {
        html.value = semanticHtml();
        changed();
      });
    }
    return quill;
  }

  /** The content of the format being left, as HTML. */
  function currentHtml() {
    if (current === 'markdown') {
      return markdownEditor().markdown(markdownEditor().value());
    }
    if (current === 'richtext') {
      richTextEditor();
      return semanticHtml();
    }
    return html.value;
  }

  function show(format) {
    Object.keys(panels).forEach((name) => {
      panels[name].hidden = name !== format;
    });
    if (format === 'markdown') {
      markdownEditor().codemirror.refresh();
    } else if (format === 'richtext') {
      richTextEditor();
    }
  }

  function switchTo(format) {
    if (format === current) {
      return;
    }
    const content = currentHtml();
    if (format === 'markdown') {
      // Markdown passes HTML through as it is, so the content is kept without a lossy conversion.
      markdownEditor().value(content);
    } else if (format === 'richtext') {
      richTextEditor().clipboard.dangerouslyPasteHTML(content);
      html.value = semanticHtml();
    } else {
      html.value = content;
    }
    current = format;
    show(format);
    changed();
  }

  show(current);
  if (current === 'richtext') {
    richTextEditor().clipboard.dangerouslyPasteHTML(html.value);
  }
  select.addEventListener('change', () => switchTo(select.value));
})();
