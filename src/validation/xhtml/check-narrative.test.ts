import { describe, expect, it } from 'vitest';
import { checkNarrativeXhtml } from './check-narrative.js';

const NS = 'xmlns="http://www.w3.org/1999/xhtml"';
const div = (inner: string) => `<div ${NS}>${inner}</div>`;

describe('checkNarrativeXhtml', () => {
  it.each([
    ['text', div('Hello')],
    [
      'nested formatting, a table and a comment',
      div('<p><b>a</b> <a href="#x">b</a></p><table><tr><td style="color: red">1</td></tr></table><!-- c -->'),
    ],
    ['an inline raster image', div('<img src="data:image/png;base64,AAAA" alt="x"/>')],
    [
      'an inline raster image as a style background',
      div('<td style="background-image: url(data: image/png;base64,AA)">x</td>'),
    ],
    ['entities and CDATA', div('&lt;b&gt; &amp; <![CDATA[ <x> ]]>')],
  ])('accepts %s', (_name, xhtml) => {
    expect(checkNarrativeXhtml(xhtml)).toEqual([]);
  });

  it.each([
    ['a div without the XHTML namespace', '<div>hi</div>', 'xmlns'],
    ['a div with another namespace', '<div xmlns="http://example.org">hi</div>', 'xmlns'],
    ['a root other than div', `<p ${NS}>hi</p>`, 'root element'],
    ['a script', div('<script>alert(1)</script>x'), '<script>'],
    ['an iframe', div('<iframe src="https://example.org"></iframe>x'), '<iframe>'],
    ['a form', div('<form><input/></form>x'), '<form>'],
    ['an object', div('<object data="x"></object>x'), '<object>'],
    ['an event handler', div('<p onclick="alert(1)">x</p>'), 'onclick'],
    ['an event handler in capitals', div('<img src="#a" ONERROR="alert(1)"/>'), 'ONERROR'],
    ['a javascript: image', div('<img src="javascript:alert(1)"/>'), 'active URL'],
    ['a javascript: link spelled with blanks and case', div('<a href=" Java\tScript:alert(1)">x</a>'), 'active URL'],
    ['a javascript: link spelled with entities', div('<a href="&#106;avascript&colon;alert(1)">x</a>'), 'active URL'],
    ['a vbscript: link', div('<a href="vbscript:x">x</a>'), 'active URL'],
    ['a data: link', div('<a href="data:text/html,&lt;script&gt;">x</a>'), 'active URL'],
    ['an SVG data image', div('<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/>'), 'active URL'],
    ['a CSS expression', div('<p style="width: expression(alert(1))">x</p>'), 'style'],
    ['a CSS url to elsewhere', div('<p style="background: url(https://evil.example/x.png)">x</p>'), 'style'],
    ['an unknown attribute', div('<p srcdoc="x">x</p>'), 'srcdoc'],
    ['a DOCTYPE', `<!DOCTYPE x [<!ENTITY e "x">]>${div('x')}`, 'DOCTYPE'],
    ['a processing instruction', `<?xml version="1.0"?>${div('x')}`, 'processing'],
    ['an unquoted attribute', div('<p class=x>y</p>'), 'malformed'],
    ['an unclosed element', `<div ${NS}><p>x</div>`, 'not well-formed'],
    ['a never closed root', `<div ${NS}><p>x</p>`, 'never closed'],
    ['two roots', `${div('a')}${div('b')}`, 'only one root'],
    ['whitespace only', div('  <p> </p> '), 'non-whitespace'],
    ['text outside the root', `${div('a')}b`, 'outside'],
  ])('rejects %s', (_name, xhtml, fragment) => {
    const problems = checkNarrativeXhtml(xhtml);
    expect(problems.join(' | ')).toContain(fragment);
  });

  it('handles 100,000 nested elements without recursion and caps the problems it reports', () => {
    const deep = `<div ${NS}>${'<span>'.repeat(100_000)}x${'</span>'.repeat(100_000)}</div>`;
    expect(checkNarrativeXhtml(deep)).toEqual([]);
    const many = div('<script></script>'.repeat(10_000));
    expect(checkNarrativeXhtml(many).length).toBeLessThanOrEqual(10);
  });
});
