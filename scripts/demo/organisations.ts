import type { Organisation } from '../../db/identity/organisations.table';

// Real-looking ODS codes and English postcodes; names and places are illustrative demo data.
const commissioners: [string, string, string][] = [
  ['QMF', 'NHS North East London ICB', 'E1 6AN'],
  ['QKK', 'NHS South East London ICB', 'SE1 9RT'],
  ['QOP', 'NHS Greater Manchester ICB', 'M1 3BN'],
  ['QHM', 'NHS North East and North Cumbria ICB', 'NE1 4LP'],
  ['QWO', 'NHS West Yorkshire ICB', 'LS1 4HR'],
];

// [ODS code, name, postcode, commissioner]
const practices: [string, string, string, string][] = [
  ['F84001', 'Whitechapel Health Centre', 'E1 1BB', 'QMF'],
  ['F84002', 'Stepney Green Medical Practice', 'E1 4DG', 'QMF'],
  ['G85001', 'Bermondsey Spa Surgery', 'SE16 3AB', 'QKK'],
  ['G85002', 'Camberwell Green Surgery', 'SE5 7BD', 'QKK'],
  ['P84001', 'Ancoats Urban Village Practice', 'M4 6DE', 'QOP'],
  ['P84002', 'Didsbury Village Surgery', 'M20 6RL', 'QOP'],
  ['A87001', 'Jesmond Health Partnership', 'NE2 1PD', 'QHM'],
  ['B86001', 'Headingley Park Surgery', 'LS6 3HN', 'QWO'],
];

const providers: [string, string, string][] = [
  ['RJ1', "Guy's and St Thomas' NHS Foundation Trust", 'SE1 7EH'],
  ['RJZ', "King's College Hospital NHS Foundation Trust", 'SE5 9RS'],
  ['RJ2', 'Lewisham and Greenwich NHS Trust', 'SE13 6LH'],
  ['RJ6', 'Croydon Health Services NHS Trust', 'CR7 7YE'],
  ['RJ7', "St George's University Hospitals NHS Foundation Trust", 'SW17 0QT'],
  ['RAX', 'Kingston and Richmond NHS Foundation Trust', 'KT2 7QB'],
  ['RVR', 'Epsom and St Helier University Hospitals NHS Trust', 'SM5 1AA'],
  ['RQM', 'Chelsea and Westminster Hospital NHS Foundation Trust', 'SW10 9NH'],
  ['RYJ', 'Imperial College Healthcare NHS Trust', 'W2 1NY'],
  ['RRV', 'University College London Hospitals NHS Foundation Trust', 'NW1 2BU'],
  ['RAL', 'Royal Free London NHS Foundation Trust', 'NW3 2QG'],
  ['R1H', 'Barts Health NHS Trust', 'E1 1FR'],
  ['RQX', 'Homerton Healthcare NHS Foundation Trust', 'E9 6SR'],
  ['RF4', 'Barking, Havering and Redbridge University Hospitals NHS Trust', 'RM7 0AG'],
  ['RKE', 'Whittington Health NHS Trust', 'N19 5NF'],
  ['RAP', 'North Middlesex University Hospital NHS Trust', 'N18 1QX'],
  ['RW3', 'Manchester University NHS Foundation Trust', 'M13 9WL'],
  ['RM3', 'Northern Care Alliance NHS Foundation Trust', 'M6 8HD'],
  ['RBV', 'The Christie NHS Foundation Trust', 'M20 4BX'],
  ['RMC', 'Bolton NHS Foundation Trust', 'BL4 0JR'],
  ['RRF', 'Wrightington, Wigan and Leigh NHS Foundation Trust', 'WN1 2NN'],
  ['RWJ', 'Stockport NHS Foundation Trust', 'SK2 7JE'],
  ['RTD', 'The Newcastle upon Tyne Hospitals NHS Foundation Trust', 'NE1 4LP'],
  ['RR7', 'Gateshead Health NHS Foundation Trust', 'NE9 6SX'],
  ['R0B', 'South Tyneside and Sunderland NHS Foundation Trust', 'SR4 7TP'],
  ['RTF', 'Northumbria Healthcare NHS Foundation Trust', 'NE27 0QJ'],
  ['RTR', 'South Tees Hospitals NHS Foundation Trust', 'TS4 3BW'],
  ['RXP', 'County Durham and Darlington NHS Foundation Trust', 'DL3 6HX'],
  ['RNL', 'North Cumbria Integrated Care NHS Foundation Trust', 'CA2 7HY'],
  ['RR8', 'Leeds Teaching Hospitals NHS Trust', 'LS1 3EX'],
  ['RAE', 'Bradford Teaching Hospitals NHS Foundation Trust', 'BD9 6RJ'],
  ['RXF', 'Mid Yorkshire Teaching NHS Trust', 'WF1 4DG'],
  ['RWY', 'Calderdale and Huddersfield NHS Foundation Trust', 'HD3 3EA'],
  ['RCF', 'Airedale NHS Foundation Trust', 'BD20 6TD'],
];

export const demoOrganisations: Organisation[] = [
  ...commissioners.map(([ods_code, name, postcode]) => ({
    ods_code,
    name,
    type: 'COMMISSIONER' as const,
    postcode,
    commissioning_area: null,
  })),
  ...practices.map(([ods_code, name, postcode, area]) => ({
    ods_code,
    name,
    type: 'GP_PRACTICE' as const,
    postcode,
    commissioning_area: area,
  })),
  ...providers.map(([ods_code, name, postcode]) => ({
    ods_code,
    name,
    type: 'PROVIDER' as const,
    postcode,
    commissioning_area: null,
  })),
];
