// The page observer's one in-page function (embedded resource of Plugins.Gui). It is evaluated in the top frame
// with one argument whose "mode" is:
//   "observe":  walks the top document and its same-origin iframes and returns the visible candidates;
//   "hit":      document.elementFromPoint at a top-viewport CSS point, descending into same-origin iframes, compared
//               with an expected element named by a frame path and a CSS path;
//   "describe": the role and accessible name of the element named by a frame path and a CSS path (or null).
// Boxes are in CSS pixels of the top-level viewport: each iframe adds its client rect plus border and padding.
(arg) => {
  const collapse = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const truncate = (s, n) => (s.length > n ? s.slice(0, n) : s);
  const NAME_LIMIT = 200;

  const INTERACTIVE_ROLES = new Set([
    'button', 'link', 'checkbox', 'radio', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option',
    'switch', 'combobox', 'textbox', 'searchbox', 'slider', 'spinbutton', 'listbox', 'treeitem',
  ]);
  // Roles whose accessible name comes from their content (WAI-ARIA "name from content").
  const NAME_FROM_CONTENT = new Set([
    'button', 'link', 'checkbox', 'radio', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option',
    'switch', 'heading', 'cell', 'columnheader', 'rowheader', 'row', 'treeitem', 'tooltip', 'text', 'label', 'generic',
  ]);
  const TEXT_INPUT_TYPES = new Set(['', 'text', 'email', 'tel', 'url', 'password']);

  const inputType = (el) => (el.getAttribute('type') || '').toLowerCase();

  const implicitRole = (el) => {
    const tag = el.localName;
    switch (tag) {
      case 'a': case 'area': return el.hasAttribute('href') ? 'link' : '';
      case 'button': return 'button';
      case 'summary': return 'button';
      case 'select': return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
      case 'textarea': return 'textbox';
      case 'option': return 'option';
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': return 'heading';
      case 'img': return el.getAttribute('alt') === '' ? '' : 'img';
      case 'td': return 'cell';
      case 'th': return el.closest('thead') || el.getAttribute('scope') === 'col' ? 'columnheader' : 'rowheader';
      case 'tr': return 'row';
      case 'li': return 'listitem';
      case 'label': return 'label';
      case 'input': {
        const type = inputType(el);
        if (type === 'hidden') return '';
        if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
        if (type === 'checkbox') return 'checkbox';
        if (type === 'radio') return 'radio';
        if (type === 'range') return 'slider';
        if (type === 'number') return 'spinbutton';
        if (type === 'search') return el.hasAttribute('list') ? 'combobox' : 'searchbox';
        if (TEXT_INPUT_TYPES.has(type)) return el.hasAttribute('list') ? 'combobox' : 'textbox';
        return 'textbox';
      }
      default:
        return el.isContentEditable && (el.parentElement === null || !el.parentElement.isContentEditable) ? 'textbox' : '';
    }
  };

  const roleOf = (el) => {
    const explicit = (el.getAttribute('role') || '').trim().split(/\s+/)[0].toLowerCase();
    return explicit && explicit !== 'presentation' && explicit !== 'none' ? explicit : implicitRole(el);
  };

  const isLabelable = (el) =>
    ['input', 'select', 'textarea', 'meter', 'output', 'progress'].includes(el.localName) ||
    (el.localName === 'button');

  const styleHidden = (el) => {
    const win = el.ownerDocument.defaultView;
    const style = win.getComputedStyle(el);
    return style.visibility === 'hidden' || style.visibility === 'collapse' || style.display === 'none';
  };

  // Text of a subtree for a name from content: text nodes, alt of images, aria-label of children; hidden parts skipped.
  const contentText = (root, skip) => {
    let out = '';
    const visit = (node) => {
      if (node.nodeType === 3) { out += node.data; return; }
      if (node.nodeType !== 1 || node === skip) return;
      const el = node;
      if (el.localName === 'script' || el.localName === 'style' || el.localName === 'template') return;
      if (el !== root && (el.getAttribute('aria-hidden') === 'true' || styleHidden(el))) return;
      if (el !== root && el.hasAttribute('aria-label') && collapse(el.getAttribute('aria-label'))) {
        out += ' ' + el.getAttribute('aria-label') + ' '; return;
      }
      if (el.localName === 'img' || (el.localName === 'input' && inputType(el) === 'image')) {
        out += ' ' + (el.getAttribute('alt') || '') + ' '; return;
      }
      if (el.localName === 'input' || el.localName === 'textarea') { out += ' ' + (el.value || '') + ' '; return; }
      if (el.localName === 'select') {
        out += ' ' + Array.from(el.selectedOptions).map((o) => o.text).join(' ') + ' '; return;
      }
      const display = el.ownerDocument.defaultView.getComputedStyle(el).display;
      const block = el !== root && display !== 'inline' && display !== 'contents';
      if (block) out += ' ';
      for (const child of el.childNodes) visit(child);
      if (block) out += ' ';
    };
    visit(root);
    return collapse(out);
  };

  const labelsOf = (el) => {
    const labels = [];
    if (el.labels) { for (const l of el.labels) labels.push(l); }
    return labels;
  };

  const labelledByText = (el) => {
    const ids = (el.getAttribute('aria-labelledby') || '').trim();
    if (!ids) return '';
    const doc = el.ownerDocument;
    return collapse(ids.split(/\s+/).map((id) => {
      const target = doc.getElementById(id);
      return target ? contentText(target, null) : '';
    }).join(' '));
  };

  // Accessible name: aria-labelledby > aria-label > label[for] / wrapping label > alt / title / placeholder for
  // inputs > content for name-from-content roles > title.
  const nameAndLabel = (el, role) => {
    const byIds = labelledByText(el);
    if (byIds) return { name: byIds, label: byIds };
    const aria = collapse(el.getAttribute('aria-label'));
    if (aria) return { name: aria, label: null };
    const tag = el.localName;
    let label = null;
    if (isLabelable(el)) {
      const texts = labelsOf(el).map((l) => contentText(l, el)).filter((t) => t);
      if (texts.length) label = collapse(texts.join(' '));
    }
    if (label && tag !== 'button') return { name: label, label };
    if (tag === 'input') {
      const type = inputType(el);
      if (['button', 'submit', 'reset'].includes(type)) {
        const v = collapse(el.value) || (type === 'submit' ? 'Submit' : type === 'reset' ? 'Reset' : '');
        return { name: v || collapse(el.getAttribute('title')), label };
      }
      if (type === 'image') return { name: collapse(el.getAttribute('alt')) || collapse(el.getAttribute('title')), label };
      return { name: collapse(el.getAttribute('title')) || collapse(el.getAttribute('placeholder')), label };
    }
    if (tag === 'textarea' || tag === 'select') {
      return { name: collapse(el.getAttribute('title')) || collapse(el.getAttribute('placeholder')), label };
    }
    if (tag === 'img') return { name: collapse(el.getAttribute('alt')) || collapse(el.getAttribute('title')), label };
    if (NAME_FROM_CONTENT.has(role) || tag === 'summary') {
      const content = contentText(el, null);
      if (content) return { name: content, label: label };
    }
    return { name: collapse(el.getAttribute('title')) || label || '', label };
  };

  const isInteractive = (el, role) => {
    const tag = el.localName;
    if (tag === 'a' && el.hasAttribute('href')) return true;
    if (tag === 'button' || tag === 'select' || tag === 'textarea' || tag === 'summary') return true;
    if (tag === 'input') return inputType(el) !== 'hidden';
    if (tag === 'label') return !!el.control;
    if (INTERACTIVE_ROLES.has(role)) return true;
    if (el.hasAttribute('onclick')) return true;
    const tabindex = el.getAttribute('tabindex');
    if (tabindex !== null && tabindex.trim() !== '' && Number(tabindex) >= 0) return true;
    return el.isContentEditable && (el.parentElement === null || !el.parentElement.isContentEditable);
  };

  // The role a candidate reports: interactive elements keep theirs ("generic" when they have none); static ones
  // are headings, images or "text".
  const reportedRole = (role, interactive) =>
    interactive ? (role || 'generic') : (role === 'heading' || role === 'img' ? role : 'text');

  const ownText = (el) => {
    for (const child of el.childNodes) {
      if (child.nodeType === 3 && child.data.trim()) return true;
    }
    return false;
  };

  const rgb = (color) => {
    const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(color || '');
    if (!m) return null;
    let alpha = 1;
    if (m[4] !== undefined) alpha = m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return { text: `rgb(${Math.round(+m[1])}, ${Math.round(+m[2])}, ${Math.round(+m[3])})`, alpha };
  };

  const backgroundOf = (el) => {
    let node = el;
    while (node) {
      const c = rgb(node.ownerDocument.defaultView.getComputedStyle(node).backgroundColor);
      if (c && c.alpha > 0) return c.text;
      node = node.parentElement || node.ownerDocument.defaultView.frameElement;
    }
    return null;
  };

  const cssPath = (el) => {
    const doc = el.ownerDocument;
    const steps = [];
    let node = el;
    while (node && node.nodeType === 1) {
      if (node.id && doc.querySelectorAll('#' + CSS.escape(node.id)).length === 1) {
        steps.unshift('#' + CSS.escape(node.id));
        break;
      }
      const parent = node.parentElement;
      if (!parent) { steps.unshift(node.localName); break; }
      let index = 0; let count = 0;
      for (const sibling of parent.children) {
        if (sibling.localName === node.localName) { count++; if (sibling === node) index = count; }
      }
      const tag = CSS.escape(node.localName);
      steps.unshift(count > 1 ? `${tag}:nth-of-type(${index})` : tag);
      node = parent;
    }
    return steps.join(' > ');
  };

  const valueOf = (el, role) => {
    const tag = el.localName;
    if (tag === 'input') {
      const type = inputType(el);
      if (type === 'checkbox' || type === 'radio') return el.checked ? 'checked' : 'unchecked';
      if (type === 'password') return null;
      if (['button', 'submit', 'reset', 'image', 'hidden'].includes(type)) return null;
      return el.value;
    }
    if (tag === 'textarea') return el.value;
    if (tag === 'select') return Array.from(el.selectedOptions).map((o) => o.text.trim()).join(', ');
    if (role === 'checkbox' || role === 'switch' || role === 'radio') {
      const checked = el.getAttribute('aria-checked');
      if (checked !== null) return checked === 'true' ? 'checked' : 'unchecked';
    }
    if (role === 'slider' || role === 'spinbutton') return el.getAttribute('aria-valuenow');
    return null;
  };

  const frameOffset = (iframe) => {
    const r = iframe.getBoundingClientRect();
    const s = iframe.ownerDocument.defaultView.getComputedStyle(iframe);
    return {
      x: r.left + iframe.clientLeft + parseFloat(s.paddingLeft || '0'),
      y: r.top + iframe.clientTop + parseFloat(s.paddingTop || '0'),
      w: iframe.clientWidth - parseFloat(s.paddingLeft || '0') - parseFloat(s.paddingRight || '0'),
      h: iframe.clientHeight - parseFloat(s.paddingTop || '0') - parseFloat(s.paddingBottom || '0'),
    };
  };

  const sameOriginDocument = (iframe) => {
    try { return iframe.contentDocument && iframe.contentDocument.documentElement ? iframe.contentDocument : null; }
    catch (e) { return null; }
  };

  const resolvePath = (framePath, path) => {
    let doc = document;
    for (const selector of framePath || []) {
      const iframe = doc.querySelector(selector);
      if (!iframe) return null;
      doc = sameOriginDocument(iframe);
      if (!doc) return null;
    }
    try { return doc.querySelector(path); } catch (e) { return null; }
  };

  const describe = (el) => {
    if (!el) return '(nothing)';
    let s = el.localName;
    if (el.id) s += '#' + el.id;
    const role = (el.getAttribute('role') || '').trim();
    if (role) s += `[role=${role}]`;
    const text = contentText(el, null) || collapse(el.getAttribute('aria-label') || el.getAttribute('alt') || '');
    if (text) s += ` "${text.length > 60 ? text.slice(0, 60) + '…' : text}"`;
    return s;
  };

  const observe = (options) => {
    const maxCandidates = options.maxCandidates;
    const includeStatic = options.includeStaticText;
    const found = [];
    const ordinals = new Map();

    const walkDocument = (doc, offset, clip, framePath, frameKey) => {
      const win = doc.defaultView;
      const all = doc.body ? doc.body.querySelectorAll('*') : [];
      for (const el of all) {
        const tag = el.localName;
        if (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'noscript') continue;
        if (tag === 'iframe') {
          const inner = sameOriginDocument(el);
          if (inner && inner.body && !styleHidden(el)) {
            const f = frameOffset(el);
            const x = offset.x + f.x; const y = offset.y + f.y;
            const innerClip = intersect(clip, { x, y, w: f.w, h: f.h });
            walkDocument(inner, { x, y }, innerClip, framePath.concat([cssPath(el)]), frameKey + '>' + cssPath(el));
          }
          continue;
        }
        const role = roleOf(el);
        const interactive = isInteractive(el, role);
        let isStatic = false;
        if (!interactive) {
          if (!includeStatic) continue;
          if (role === 'heading' || role === 'img') isStatic = true;
          else if (ownText(el)) {
            // A leaf text block: own text, not inside an interactive element or heading (which already carries
            // it), and not an inline part of a parent that has text of its own.
            if (el.closest('a[href],button,label,select,textarea,summary,h1,h2,h3,h4,h5,h6,[role=button],[role=link]')) continue;
            const display = win.getComputedStyle(el).display;
            if (display === 'inline' && el.parentElement && ownText(el.parentElement)) continue;
            isStatic = true;
          }
          if (!isStatic) continue;
        }
        if (el.closest('[aria-hidden="true"]')) continue;
        if (el.closest('[inert]')) continue;
        const rects = el.getClientRects();
        if (rects.length === 0 || styleHidden(el)) continue;
        const finalRole = reportedRole(role, interactive);
        const { name, label } = nameAndLabel(el, finalRole);
        const key = frameKey + '|' + finalRole + '|' + truncate(name, NAME_LIMIT);
        const ordinal = ordinals.get(key) || 0;
        ordinals.set(key, ordinal + 1);
        if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) continue;
        const r = el.getBoundingClientRect();
        if (r.width <= 0 || r.height <= 0) continue;
        const box = intersect(clip, { x: offset.x + r.left, y: offset.y + r.top, w: r.width, h: r.height });
        if (box.w <= 0 || box.h <= 0) continue;
        found.push({ el, win, role: finalRole, name: truncate(name, NAME_LIMIT), label, interactive, box, framePath, ordinal });
      }
    };

    const intersect = (a, b) => {
      const x = Math.max(a.x, b.x); const y = Math.max(a.y, b.y);
      const r = Math.min(a.x + a.w, b.x + b.w); const bt = Math.min(a.y + a.h, b.y + b.h);
      return { x, y, w: Math.max(0, r - x), h: Math.max(0, bt - y) };
    };

    const viewport = { x: 0, y: 0, w: window.innerWidth, h: window.innerHeight };
    walkDocument(document, { x: 0, y: 0 }, viewport, [], '');

    let kept = found.map((c, i) => ({ c, i }));
    let truncated = false;
    if (kept.length > maxCandidates) {
      truncated = true;
      const interactive = kept.filter((k) => k.c.interactive);
      const others = kept.filter((k) => !k.c.interactive);
      kept = interactive.slice(0, maxCandidates).concat(others.slice(0, Math.max(0, maxCandidates - interactive.length)));
      kept.sort((a, b) => a.i - b.i);
    }

    const items = kept.map(({ c }) => {
      const el = c.el;
      const style = c.win.getComputedStyle(el);
      const text = truncate(contentText(el, null), NAME_LIMIT);
      const fg = rgb(style.color);
      return {
        role: c.role,
        name: c.name,
        text: text && text !== c.name ? text : null,
        label: c.label ? truncate(c.label, NAME_LIMIT) : null,
        title: el.getAttribute('title'),
        placeholder: el.getAttribute('placeholder'),
        value: valueOf(el, c.role),
        tag: el.localName,
        background: backgroundOf(el),
        color: fg ? fg.text : null,
        interactive: c.interactive,
        x: c.box.x, y: c.box.y, width: c.box.w, height: c.box.h,
        cssPath: cssPath(el),
        framePath: c.framePath,
        ordinal: c.ordinal,
      };
    });

    return {
      url: location.href,
      title: document.title,
      scrollX: window.scrollX,
      scrollY: window.scrollY,
      devicePixelRatio: window.devicePixelRatio,
      viewportWidth: window.innerWidth,
      viewportHeight: window.innerHeight,
      total: found.length,
      truncated,
      items,
    };
  };

  const hit = (options) => {
    let doc = document;
    let x = options.x; let y = options.y;
    let top = doc.elementFromPoint(x, y);
    while (top && top.localName === 'iframe') {
      const inner = sameOriginDocument(top);
      if (!inner) break;
      const f = frameOffset(top);
      x -= f.x; y -= f.y;
      const next = inner.elementFromPoint(x, y);
      if (!next) break;
      doc = inner;
      top = next;
    }
    const result = { top: describe(top), hitsExpected: false, isCovered: false, covering: null, expectedFound: false };
    if (!options.hasExpected || !top) return result;
    const expected = resolvePath(options.framePath, options.cssPath);
    if (!expected) return result;
    result.expectedFound = true;
    const hits =
      expected === top || expected.contains(top) ||
      (expected.localName === 'label' && expected.control && (expected.control === top || expected.control.contains(top))) ||
      (top.localName === 'label' && top.control === expected) ||
      (top.closest('label') && top.closest('label').control === expected);
    if (hits) { result.hitsExpected = true; return result; }
    // Not the expected element: covered when the point lies inside the expected element's box.
    let ex = options.x; let ey = options.y;
    const anchors = [expected];
    let d = expected.ownerDocument;
    while (d !== document && d.defaultView.frameElement) {
      const frame = d.defaultView.frameElement;
      anchors.push(frame);
      d = frame.ownerDocument;
    }
    for (let i = anchors.length - 1; i >= 1; i--) {
      const f = frameOffset(anchors[i]);
      ex -= f.x; ey -= f.y;
    }
    let inside = false;
    for (const r of expected.getClientRects()) {
      if (ex >= r.left && ex <= r.right && ey >= r.top && ey <= r.bottom) { inside = true; break; }
    }
    if (!inside) return result;
    result.isCovered = true;
    // Report the outermost ancestor of the top element that does not contain the expected element (or its frame):
    // the banner or dialog, not the paragraph inside it.
    const anchor = anchors.find((a) => a.ownerDocument === top.ownerDocument);
    let cover = top;
    if (anchor) {
      while (cover.parentElement && !cover.parentElement.contains(anchor)) cover = cover.parentElement;
    }
    result.covering = describe(cover);
    return result;
  };

  // Results travel as one JSON string: cheaper than Playwright's object serialisation, and no shared references.
  if (arg.mode === 'observe') return JSON.stringify(observe(arg));
  if (arg.mode === 'hit') return JSON.stringify(hit(arg));
  if (arg.mode === 'describe') {
    const el = resolvePath(arg.framePath, arg.cssPath);
    if (!el) return 'null';
    const role = reportedRole(roleOf(el), isInteractive(el, roleOf(el)));
    return JSON.stringify({ role, name: truncate(nameAndLabel(el, role).name, NAME_LIMIT) });
  }
  throw new Error('Unknown page script mode: ' + arg.mode);
}
