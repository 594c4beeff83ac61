// Minimal typing of @lhncbc/ucum-lhc, which ships no declarations.
declare module '@lhncbc/ucum-lhc' {
  const ucum: { UcumLhcUtils: { getInstance(): unknown } };
  export default ucum;
}
