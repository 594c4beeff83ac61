import { it } from 'vitest';
import { validateResource } from '../../src/validation/validate-resource.js';
const cases: [string, unknown][] = [
  ['contained no id', { resourceType: 'Patient', contained: [{ resourceType: 'Organization', name: 'x' }] }],
  ['contained no id referenced #', { resourceType: 'Patient', managingOrganization: { reference: '#' }, contained: [{ resourceType: 'Organization', name: 'x' }] }],
  ['contained unref', { resourceType: 'Patient', contained: [{ resourceType: 'Organization', id: 'o1', name: 'x' }] }],
  ['contained ref', { resourceType: 'Patient', managingOrganization: { reference: '#o1' }, contained: [{ resourceType: 'Organization', id: 'o1', name: 'x' }] }],
  ['div no ns', { resourceType: 'Patient', text: { status: 'generated', div: '<div>hi</div>' } }],
  ['div img js', { resourceType: 'Patient', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><img src="javascript:alert(1)"/></div>' } }],
  ['div script', { resourceType: 'Patient', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><script>x</script></div>' } }],
  ['div ok', { resourceType: 'Patient', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>ok</p></div>' } }],
];
it('probe', () => {
  for (const [name, r] of cases) {
    const issues = validateResource(r as never);
    console.log(name, '=>', issues.filter((i) => i.severity === 'error').map((i) => `${i.expression} ${i.message}`).join(' | ') || 'ACCEPTED');
  }
});
