// Building the page without ever parsing text as HTML: every string becomes a text node or an attribute value,
// so a tag named <img src=x onerror=alert(1)> shows as those characters. Nothing here uses innerHTML.

const SVG = 'http://www.w3.org/2000/svg';

/**
 * h('button', {class: 'primary', onclick: fn, disabled: true}, 'Promote', child, [more])
 * Attributes: on* take functions (listeners); true/false switch boolean attributes; null and undefined are left out.
 * Children: strings and numbers become text; null, undefined and false are skipped; arrays are flattened.
 */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** As h, in the SVG namespace. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'href' && !isSafeLink(String(value))) {
      throw new Error('refusing a link that is not within the view: ' + value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Links inside the view are hash routes; nothing else is ever made into a link.
function isSafeLink(href) {
  return href.startsWith('#');
}

/** Replaces an element's content. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** The hash route of the view, with its parts encoded. */
export function route(...parts) {
  return '#/' + parts.map(p => encodeURIComponent(p)).join('/');
}
