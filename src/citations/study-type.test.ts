import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/localizer.js';
import { citationsText, citationsTextIn, retractionText, studyTypeText } from './messages/index.js';
import { isRetractionStatus, retractionStatus, studyTypeFromPubTypes } from './study-type.js';

describe('studyTypeFromPubTypes', () => {
  it.each([
    [['Journal Article', 'Meta-Analysis'], 'meta-analysis'],
    [['Journal Article', 'Systematic Review'], 'systematic-review'],
    [['Journal Article', 'Randomized Controlled Trial'], 'randomised-trial'],
    [['Clinical Trial, Phase III', 'Journal Article'], 'clinical-trial'],
    [['Controlled Clinical Trial'], 'clinical-trial'],
    [['Practice Guideline'], 'guideline'],
    [['Guideline'], 'guideline'],
    [['Observational Study', 'Journal Article'], 'observational'],
    [['Comparative Study', 'Journal Article'], 'observational'],
    [['Cohort Study'], 'observational'],
    [['Review', 'Journal Article'], 'review'],
    [['Case Reports', 'Journal Article'], 'case-report'],
    [['Editorial'], 'editorial'],
    [['Comment', 'Journal Article'], 'editorial'],
    [['Letter'], 'editorial'],
    [['Journal Article'], 'other'],
    [['Clinical Trial Protocol'], 'other'],
    [[], 'unknown'],
    [['  '], 'unknown'],
  ])('%j → %s', (pubTypes, id) => {
    expect(studyTypeFromPubTypes(pubTypes).id).toBe(id);
  });

  it.each([
    [['Review', 'Meta-Analysis', 'Systematic Review'], 'meta-analysis'],
    [['Review', 'Systematic Review'], 'systematic-review'],
    [['Clinical Trial', 'Randomized Controlled Trial'], 'randomised-trial'],
    [['Review', 'Practice Guideline'], 'guideline'],
    [['Comparative Study', 'Clinical Trial'], 'clinical-trial'],
    [['Review', 'Observational Study'], 'observational'],
    [['Case Reports', 'Review'], 'review'],
    [['Letter', 'Case Reports'], 'case-report'],
    [['Comment', 'Randomized Controlled Trial'], 'randomised-trial'],
  ])('applies precedence: %j → %s', (pubTypes, id) => {
    expect(studyTypeFromPubTypes(pubTypes).id).toBe(id);
  });

  it('matches publication types regardless of case and spacing', () => {
    expect(studyTypeFromPubTypes([' case reports ']).id).toBe('case-report');
  });

  it('gives a short label and one plain sentence, in each language', () => {
    const en = citationsTextIn(createI18n().forLang('en'));
    const caseReport = studyTypeText(en, studyTypeFromPubTypes(['Case Reports']).id);
    expect(caseReport.label).toBe('Case report');
    expect(caseReport.explanation).toMatch(/one or a few patients/);
    expect(caseReport.explanation.trim().split(/[.!?](\s|$)/).filter((s) => s && s.trim()).length).toBe(1);
    expect(studyTypeText(en, studyTypeFromPubTypes(['Systematic Review']).id).label).toBe('Systematic review');
    expect(Object.keys(studyTypeFromPubTypes(['Case Reports']))).toEqual(['id']);
    const es = citationsTextIn(createI18n().forLang('es'));
    expect(studyTypeText(es, 'systematic-review').label).toBe('Revisión sistemática');
    expect(retractionText(createI18n().forLang('ar').text(citationsText), 'retracted').label).toBe('دراسة مسحوبة');
  });
});
