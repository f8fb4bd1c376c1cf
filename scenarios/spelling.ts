/** British and American spellings to one form, so patterns need one spelling. */
export function unifySpelling(text: string): string {
  return text
    .replace(/haem/g, 'hem')
    .replace(/aemia/g, 'emia')
    .replace(/leukaem/g, 'leukem')
    .replace(/oedem/g, 'edem')
    .replace(/oesoph/g, 'esoph')
    .replace(/diarrhoea/g, 'diarrhea')
    .replace(/dyspnoea/g, 'dyspnea')
    .replace(/tumour/g, 'tumor')
    .replace(/colour/g, 'color')
    .replace(/paed/g, 'ped')
    .replace(/ischaem/g, 'ischem')
    .replace(/faec/g, 'fec')
    .replace(/gynaec/g, 'gynec')
    .replace(/coeli/g, 'celi')
    .replace(/oestr/g, 'estr')
    .replace(/manoeuvre/g, 'maneuver');
}
