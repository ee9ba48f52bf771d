import type { Kysely } from 'kysely';

/**
 * e-RS specialties and clinic types (the codes of the eRS-Specialty and eRS-ClinicType
 * code systems of the e-RS FHIR API). Reference data, not demo data: every deployment
 * needs it. A later change to the list is a new migration, so this one stays as applied.
 */
const SPECIALTIES: [code: string, name: string, clinicTypes: [string, string][]][] = [
  [
    '2WW',
    '2WW',
    [
      ['BREAST', 'Breast'],
      ['BRAIN_CNS', 'Brain/Central Nervous System'],
      ['CHILDRENS', "Children's Cancer"],
      ['GYNAECOLOGICAL', 'Gynaecological'],
      ['HAEMATOLOGICAL', 'Haematological'],
      ['HEAD_AND_NECK', 'Head and Neck'],
      ['LOWER_GI', 'Lower GI'],
      ['LUNG', 'Lung'],
      ['SKIN', 'Skin'],
      ['UPPER_GI', 'Upper GI'],
      ['UROLOGICAL', 'Urological'],
    ],
  ],
  [
    'ALLERGY',
    'Allergy',
    [
      ['ADULT_ALLERGY', 'Adult Allergy'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'CARDIOLOGY',
    'Cardiology',
    [
      ['ARRHYTHMIA', 'Arrhythmia'],
      ['CHEST_PAIN', 'Chest Pain'],
      ['HEART_FAILURE', 'Heart Failure'],
      ['HYPERTENSION', 'Hypertension'],
      ['VALVE_DISEASE', 'Valve Disease'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'CHILDRENS_AND_ADOLESCENT_SERVICES',
    "Children's & Adolescent Services",
    [
      ['PAEDIATRIC_GENERAL', 'General Paediatrics'],
      ['PAEDIATRIC_ASTHMA', 'Asthma'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'DERMATOLOGY',
    'Dermatology',
    [
      ['ACNE', 'Acne'],
      ['ECZEMA_DERMATITIS', 'Eczema/Dermatitis'],
      ['PSORIASIS', 'Psoriasis'],
      ['SKIN_LESION', 'Skin Lesion'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'DIAGNOSTIC_ENDOSCOPY',
    'Diagnostic Endoscopy',
    [
      ['COLONOSCOPY', 'Colonoscopy'],
      ['GASTROSCOPY', 'Gastroscopy'],
      ['SIGMOIDOSCOPY', 'Flexible Sigmoidoscopy'],
    ],
  ],
  [
    'DIAGNOSTIC_IMAGING',
    'Diagnostic Imaging',
    [
      ['MRI', 'MRI'],
      ['CT', 'CT'],
      ['ULTRASOUND', 'Ultrasound'],
      ['X_RAY', 'X-Ray'],
    ],
  ],
  [
    'DIAGNOSTIC_PHYSIOLOGICAL_MEASUREMENT',
    'Diagnostic Physiological Measurement',
    [
      ['ECHOCARDIOGRAPHY', 'Echocardiography'],
      ['SLEEP_STUDIES', 'Sleep Studies'],
    ],
  ],
  [
    'EAR_NOSE_AND_THROAT',
    'Ear, Nose & Throat (ENT)',
    [
      ['EAR', 'Ear'],
      ['NOSE', 'Nose'],
      ['THROAT', 'Throat'],
      ['HEARING', 'Hearing'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'ENDOCRINOLOGY_AND_METABOLISM',
    'Endocrinology and Metabolism',
    [
      ['DIABETES', 'Diabetes'],
      ['THYROID', 'Thyroid'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'GASTROENTEROLOGY',
    'Gastroenterology',
    [
      ['IBD', 'Inflammatory Bowel Disease'],
      ['UPPER_GI_GASTRO', 'Upper GI'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  ['GENERAL_MEDICINE', 'General Medicine', [['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified']]],
  [
    'GENERAL_SURGERY',
    'General Surgery',
    [
      ['BREAST_SURGERY', 'Breast Surgery'],
      ['HERNIA', 'Hernia'],
      ['COLORECTAL', 'Colorectal'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'GERIATRIC_MEDICINE',
    'Geriatric Medicine',
    [
      ['FALLS', 'Falls'],
      ['MEMORY', 'Memory'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'GYNAECOLOGY',
    'Gynaecology',
    [
      ['MENSTRUAL_DISORDERS', 'Menstrual Disorders'],
      ['MENOPAUSE', 'Menopause'],
      ['PELVIC_PAIN', 'Pelvic Pain'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'HAEMATOLOGY',
    'Haematology',
    [
      ['ANAEMIA', 'Anaemia'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'NEPHROLOGY',
    'Nephrology',
    [
      ['CKD', 'Chronic Kidney Disease'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'NEUROLOGY',
    'Neurology',
    [
      ['EPILEPSY', 'Epilepsy'],
      ['HEADACHE', 'Headache'],
      ['MOVEMENT_DISORDERS', 'Movement Disorders'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'OPHTHALMOLOGY',
    'Ophthalmology',
    [
      ['CATARACT', 'Cataract'],
      ['GLAUCOMA', 'Glaucoma'],
      ['MEDICAL_RETINA', 'Medical Retina'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'ORTHOPAEDICS',
    'Orthopaedics',
    [
      ['HIP', 'Hip'],
      ['KNEE', 'Knee'],
      ['SHOULDER', 'Shoulder'],
      ['SPINE', 'Spine'],
      ['HAND', 'Hand'],
      ['FOOT_AND_ANKLE', 'Foot and Ankle'],
    ],
  ],
  ['PAIN_MANAGEMENT', 'Pain Management', [['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified']]],
  [
    'PHYSIOTHERAPY',
    'Physiotherapy',
    [
      ['MUSCULOSKELETAL', 'Musculoskeletal'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'RESPIRATORY_MEDICINE',
    'Respiratory Medicine',
    [
      ['ASTHMA', 'Asthma'],
      ['COPD', 'COPD'],
      ['SLEEP_APNOEA', 'Sleep Apnoea'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'RHEUMATOLOGY',
    'Rheumatology',
    [
      ['INFLAMMATORY_ARTHRITIS', 'Inflammatory Arthritis'],
      ['OSTEOPOROSIS', 'Osteoporosis'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'UROLOGY',
    'Urology',
    [
      ['LUTS', 'Lower Urinary Tract Symptoms'],
      ['STONES', 'Stones'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
  [
    'VASCULAR_SURGERY',
    'Vascular Surgery',
    [
      ['VARICOSE_VEINS', 'Varicose Veins'],
      ['NOT_OTHERWISE_SPECIFIED', 'Not Otherwise Specified'],
    ],
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('specialties')
    .values(SPECIALTIES.map(([code, name]) => ({ code, name })))
    .execute();
  await db
    .insertInto('clinic_types')
    .values(
      SPECIALTIES.flatMap(([specialty, , types]) =>
        types.map(([code, name]) => ({ specialty_code: specialty, code, name })),
      ),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('clinic_types').execute();
  await db.deleteFrom('specialties').execute();
}
