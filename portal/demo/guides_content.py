"""The French and English texts of the demo help content (kept apart from the seeding logic)."""

HELP = {
    "ecrins": {
        "introduction": "<p>Hébergeurs du Pays des Écrins, trouvez ici de quoi déclarer sereinement : un tutoriel vidéo, une visite guidée de votre tableau de bord, le guide à télécharger et les réponses aux questions fréquentes.</p>",
        "introduction_en": "<p>Hosts of the Pays des Écrins, here is everything you need to declare with confidence: a video tutorial, a guided tour of your dashboard, the guide to download and answers to frequently asked questions.</p>",
    },
    "serreponcon": {
        "introduction": "<p>Hébergeurs de Serre-Ponçon, la rubrique d'aide vous accompagne à chaque trimestre : tutoriels, visite guidée, guide de la télédéclaration et questions fréquentes.</p>",
        "introduction_en": "<p>Hosts of Serre-Ponçon, this help section supports you every quarter: tutorials, guided tour, declaration guide and frequently asked questions.</p>",
    },
}

_DECLARE = {
    "slug": "declarer-vos-nuitees",
    "slug_en": "declare-your-nights",
    "media": "declarer-nuitees",
    "duration": "12 s",
    "transcript": (
        "<ol><li>Ouvrez votre tableau de bord, puis « Mes déclarations ».</li>"
        "<li>Choisissez l’hébergement et la période à déclarer.</li>"
        "<li>Saisissez vos séjours : dates, occupants, personnes exonérées par motif, prix de la nuitée pour un "
        "hébergement non classé, et la plateforme si elle a perçu la taxe (ou importez-les d’un fichier CSV).</li>"
        "<li>Vérifiez la taxe calculée, puis « Valider la déclaration » : l’état récapitulatif (PDF) est aussitôt "
        "disponible. Sans séjour, « Aucune nuitée » ou « Fermé » en un clic.</li></ol>"
        "<p>La vidéo ne comporte pas de son : chaque étape est écrite à l'écran.</p>"
    ),
    "transcript_en": (
        "<ol><li>Open your dashboard, then “My declarations”.</li>"
        "<li>Choose the accommodation and the period to declare.</li>"
        "<li>Enter your stays: dates, occupants, exempt persons by reason, the price per night for an "
        "unclassified lodging, and the platform if it collected the tax (or import them from a CSV file).</li>"
        "<li>Check the tax calculated, then “Submit the declaration”: the summary statement (PDF) is available "
        "at once. Without any stay, “No nights” or “Closed” in one click.</li></ol>"
        "<p>The video has no sound: each step is written on screen.</p>"
    ),
}
_ACTIVATE = {
    "slug": "activer-votre-compte",
    "slug_en": "activate-your-account",
    "media": "activer-compte",
    "duration": "12 s",
    "transcript": (
        "<ol><li>Munissez-vous du courrier d’invitation envoyé par votre collectivité.</li>"
        "<li>Saisissez votre courriel et le code d’activation reçu par courrier.</li>"
        "<li>Choisissez un mot de passe d’au moins douze caractères.</li>"
        "<li>Acceptez les CGU et la politique de confidentialité pour accéder à votre tableau de bord.</li></ol>"
        "<p>La vidéo ne comporte pas de son : chaque étape est écrite à l'écran.</p>"
    ),
    "transcript_en": (
        "<ol><li>Have the invitation letter sent by your local authority at hand.</li>"
        "<li>Enter your email address and the activation code received by post.</li>"
        "<li>Choose a password of at least twelve characters.</li>"
        "<li>Accept the terms of use and the privacy policy to reach your dashboard.</li></ol>"
        "<p>The video has no sound: each step is written on screen.</p>"
    ),
}

TUTORIALS = {
    "ecrins": [
        {
            **_ACTIVATE,
            "title": "Activer votre compte avec le code reçu par courrier",
            "title_en": "Activate your account with the code received by post",
            "summary": "Première connexion au Pays des Écrins : du courrier d'invitation à votre tableau de bord.",
            "summary_en": "First login in the Pays des Écrins: from the invitation letter to your dashboard.",
        },
        {
            **_DECLARE,
            "title": "Déclarer vos nuitées du mois",
            "title_en": "Declare your monthly nights",
            "summary": "La déclaration mensuelle pas à pas, de l'hébergement au montant à reverser.",
            "summary_en": "The monthly declaration step by step, from the accommodation to the amount to pay.",
        },
    ],
    "serreponcon": [
        {
            **_DECLARE,
            "title": "Déclarer vos nuitées du trimestre",
            "title_en": "Declare your quarterly nights",
            "summary": "À Serre-Ponçon, la déclaration est trimestrielle : voici comment la remplir.",
            "summary_en": "In Serre-Ponçon, declarations are quarterly: here is how to fill one in.",
        },
        {
            **_ACTIVATE,
            "title": "Première connexion : activer votre compte",
            "title_en": "First login: activate your account",
            "summary": "Le code d'activation reçu par courrier, votre mot de passe, les CGU : tout en une minute.",
            "summary_en": "The activation code received by post, your password, the terms: all in one minute.",
        },
    ],
}

TOUR_STEPS = {
    "fr": [
        {
            "target": "welcome",
            "title": "Bienvenue sur votre tableau de bord",
            "text": "Toutes vos démarches partent d'ici : vos informations, vos hébergements, vos documents et l'aide.",
        },
        {
            "target": "personal-info",
            "title": "Vos informations personnelles",
            "text": "Vérifiez vos nom, adresse et téléphone, et modifiez-les s'ils ont changé.",
        },
        {
            "target": "accommodations",
            "title": "Vos hébergements",
            "text": "Chaque hébergement déclaré apparaît ici, avec sa capacité et sa période d'ouverture. Corrigez-les au besoin.",
        },
        {
            "target": "classifications",
            "title": "Vos classements",
            "text": "Déposez la décision de classement de vos meublés ou hôtels : le tarif de la taxe en dépend.",
        },
        {
            "target": "declarations",
            "title": "Mes déclarations",
            "text": "Chaque période, enregistrez vos séjours puis validez la déclaration ; sans séjour, « Aucune nuitée » ou « Fermé » en un clic. Vos états récapitulatifs et vos corrections sont ici.",
        },
        {
            "target": "documents",
            "title": "Vos documents",
            "text": "Retrouvez « Le guide de la télédéclaration » et les documents que vous avez transmis.",
        },
        {
            "target": "news",
            "title": "Les actualités",
            "text": "Les dernières informations de votre collectivité : échéances, tarifs, nouveautés.",
        },
        {
            "target": "help",
            "title": "Besoin d'aide",
            "text": "Tutoriels vidéo, visite guidée et questions fréquentes, à tout moment.",
        },
        {
            "target": "contact",
            "title": "Le service technique",
            "text": "Un problème ? Le numéro et les horaires du service technique de votre collectivité sont ici.",
        },
        {
            "target": "security",
            "title": "La sécurité de votre compte",
            "text": "Changez votre mot de passe et activez la double authentification pour protéger votre compte.",
        },
    ],
    "en": [
        {
            "target": "welcome",
            "title": "Welcome to your dashboard",
            "text": "Everything starts here: your details, your accommodation, your documents and help.",
        },
        {
            "target": "personal-info",
            "title": "Your personal details",
            "text": "Check your name, address and phone number, and update them if they have changed.",
        },
        {
            "target": "accommodations",
            "title": "Your accommodation",
            "text": "Each declared accommodation appears here, with its capacity and opening period. Correct them if needed.",
        },
        {
            "target": "classifications",
            "title": "Your classifications",
            "text": "Upload the classification decision of your furnished lets or hotels: the tax rate depends on it.",
        },
        {
            "target": "declarations",
            "title": "My declarations",
            "text": "Each period, record your stays and submit the declaration; without any stay, “No nights” or “Closed” in one click. Your summary statements and corrections are here.",
        },
        {
            "target": "documents",
            "title": "Your documents",
            "text": "Find the declaration guide and the documents you have sent.",
        },
        {
            "target": "news",
            "title": "News",
            "text": "The latest information from your local authority: deadlines, rates, what's new.",
        },
        {
            "target": "help",
            "title": "Need help?",
            "text": "Video tutorials, guided tour and frequently asked questions, at any time.",
        },
        {
            "target": "contact",
            "title": "The technical service",
            "text": "A problem? The phone number and opening hours of your local authority's technical service are here.",
        },
        {
            "target": "security",
            "title": "Your account's security",
            "text": "Change your password and turn on two-factor authentication to protect your account.",
        },
    ],
}


def _q(question, answer):
    return ("question", {"question": question, "answer": answer})


FAQ = {
    "ecrins": {
        "fr": [
            ("section", "Mon compte"),
            _q(
                "J'avais un compte avant 2019, pourquoi mon mot de passe ne marche-t-il plus ?",
                "<p>Les comptes de l'ancienne plateforme ont été repris, mais pas les mots de passe. Utilisez « Réinitialiser mon mot de passe » sur la page d'accueil : un lien vous est envoyé par courriel.</p>",
            ),
            _q(
                "J'ai perdu le courrier avec mon code d'activation.",
                "<p>Appelez le service technique du Pays des Écrins : un nouveau code vous sera envoyé par courrier à l'adresse de votre hébergement.</p>",
            ),
            ("section", "Mes déclarations"),
            _q(
                "Quand dois-je déclarer ?",
                "<p>Au Pays des Écrins, chaque mois, avant le 15 du mois suivant, même si vous n'avez eu aucune nuitée : un clic sur « Aucune nuitée » (ou « Fermé ») suffit alors.</p>",
            ),
            _q(
                "Qui est exonéré de la taxe de séjour ?",
                "<p>Les personnes mineures, les titulaires d'un contrat de travail saisonnier dans la commune et les personnes bénéficiant d'un hébergement d'urgence ou d'un relogement temporaire.</p>",
            ),
        ],
        "en": [
            ("section", "My account"),
            _q(
                "I had an account before 2019, why doesn't my password work any more?",
                "<p>Accounts from the old platform were carried over, but not their passwords. Use “Reset my password” on the home page: a link will be sent to you by email.</p>",
            ),
            _q(
                "I have lost the letter with my activation code.",
                "<p>Call the Pays des Écrins technical service: a new code will be posted to your accommodation's address.</p>",
            ),
            ("section", "My declarations"),
            _q(
                "When must I declare?",
                "<p>In the Pays des Écrins, every month, before the 15th of the following month, even if you had no guests: one click on “No nights” (or “Closed”) is then enough.</p>",
            ),
            _q(
                "Who is exempt from the tourist tax?",
                "<p>Minors, holders of a seasonal work contract in the municipality and people in emergency or temporary housing.</p>",
            ),
        ],
    },
    "serreponcon": {
        "fr": [
            ("section", "Mon compte"),
            _q(
                "Comment activer mon compte ?",
                "<p>Choisissez « Activer mon compte » sur la page d'accueil et saisissez le code reçu par courrier, avec votre courriel.</p>",
            ),
            _q(
                "Mon compte est bloqué après plusieurs essais.",
                "<p>Par sécurité, le compte est suspendu quelques minutes après trop d'essais. Patientez un quart d'heure ou appelez le service technique de Serre-Ponçon.</p>",
            ),
            ("section", "Mes déclarations"),
            _q(
                "À quel rythme dois-je déclarer ?",
                "<p>À Serre-Ponçon, chaque trimestre, avant le 20 du mois qui suit la fin du trimestre.</p>",
            ),
            _q(
                "Comment reverser la taxe collectée ?",
                "<p>Après votre déclaration, payez en ligne par carte bancaire ou par prélèvement ; le chèque à l'ordre du Trésor public reste accepté.</p>",
            ),
            _q(
                "Je loue via une plateforme de réservation : dois-je déclarer ?",
                "<p>Oui : enregistrez aussi ces séjours en choisissant la plateforme comme canal de vente. Ils sont comptés, mais vous ne devez rien à leur titre. Si seules des plateformes ont vendu vos nuitées, « Uniquement des plateformes » déclare la période en un clic.</p>",
            ),
        ],
        "en": [
            ("section", "My account"),
            _q(
                "How do I activate my account?",
                "<p>Choose “Activate my account” on the home page and enter the code received by post, with your email address.</p>",
            ),
            _q(
                "My account is locked after several attempts.",
                "<p>For security, the account is suspended for a few minutes after too many attempts. Wait a quarter of an hour or call the Serre-Ponçon technical service.</p>",
            ),
            ("section", "My declarations"),
            _q(
                "How often must I declare?",
                "<p>In Serre-Ponçon, every quarter, before the 20th of the month after the quarter ends.</p>",
            ),
            _q(
                "How do I pay the tax collected?",
                "<p>After your declaration, pay online by card or direct debit; cheques payable to the Trésor public are still accepted.</p>",
            ),
            _q(
                "I rent through a booking platform: must I declare?",
                "<p>Yes: record those stays too, choosing the platform as the sales channel. They are counted, but you owe nothing for them. If only platforms sold your nights, “Platforms only” declares the period in one click.</p>",
            ),
        ],
    },
}


def _address(collectivity):
    return "<br/>".join(collectivity.branding.postal_address.splitlines())


def _mentions(c):
    b = c.branding
    return (
        f"<h2>Éditeur du site</h2><p>{b.official_name}<br/>{_address(c)}<br/>Téléphone : {b.support_phone}<br/>Courriel : {b.support_email}</p>"
        "<p>Directeur de la publication : le président de la communauté de communes.</p>"
        "<h2>Réalisation et hébergement</h2><p>Plateforme taxesejour.fr, réalisée par Nouveaux Terroires, sous-traitant de la collectivité. "
        "Hébergement en France, chez un hébergeur certifié HDS et ISO 27001.</p>"
        "<h2>Propriété intellectuelle</h2><p>Les textes et images de ce site appartiennent à la collectivité, sauf mention contraire. "
        "Leur réutilisation est libre avec mention de la source.</p>"
        "<h2>Données personnelles</h2><p>Voir la politique de confidentialité.</p>"
    )


def _mentions_en(c):
    b = c.branding
    return (
        f"<h2>Publisher</h2><p>{b.official_name}<br/>{_address(c)}<br/>Phone: {b.support_phone}<br/>Email: {b.support_email}</p>"
        "<p>Director of publication: the president of the community of communes.</p>"
        "<h2>Development and hosting</h2><p>taxesejour.fr platform, built by Nouveaux Terroires as the local authority's processor. Hosted in France by an ISO 27001 certified provider.</p>"
        "<h2>Intellectual property</h2><p>Texts and images on this site belong to the local authority unless stated otherwise. They may be reused with credit.</p>"
        "<h2>Personal data</h2><p>See the privacy policy.</p>"
    )


def _accessibility(c):
    b = c.branding
    return (
        f"<p>{b.official_name} s'engage à rendre son site internet accessible conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>"
        f"<p>Cette déclaration d'accessibilité s'applique au portail de la taxe de séjour https://{c.hostname}.</p>"
        "<h2>État de conformité</h2><p>Le portail est <strong>partiellement conforme</strong> avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, en raison des non-conformités énumérées ci-dessous.</p>"
        "<h2>Résultats des tests</h2><p>L'audit interne réalisé en janvier 2026 révèle que 92 % des critères du RGAA version 4.1 sont respectés.</p>"
        "<h2>Contenus non accessibles</h2><h3>Non-conformités</h3><ul><li>Certains documents PDF anciens ne sont pas balisés.</li>"
        "<li>La visite guidée du tableau de bord ne restitue pas toujours la position de l'étape aux lecteurs d'écran.</li></ul>"
        "<h3>Dérogations pour charge disproportionnée</h3><p>Aucune.</p>"
        "<h3>Contenus non soumis à l'obligation d'accessibilité</h3><p>Les documents bureautiques publiés avant le 23 septembre 2018.</p>"
        "<h2>Établissement de cette déclaration d'accessibilité</h2><p>Cette déclaration a été établie le 2 janvier 2026.</p>"
        "<h3>Technologies utilisées</h3><ul><li>HTML5</li><li>CSS</li><li>JavaScript</li></ul>"
        "<h3>Environnement de test</h3><ul><li>Firefox et NVDA</li><li>Safari et VoiceOver</li><li>Chromium et axe-core</li></ul>"
        "<h2>Retour d'information et contact</h2>"
        f"<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez le service technique : {b.support_phone}, {b.support_email}, ou par courrier : {_address(c)}.</p>"
        "<h2>Voies de recours</h2><p>Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu, que vous nous l'avez signalé et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez :</p>"
        "<ul><li>écrire un message au Défenseur des droits (https://formulaire.defenseurdesdroits.fr/) ;</li>"
        "<li>contacter le délégué du Défenseur des droits dans votre région ;</li>"
        "<li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li></ul>"
    )


def _accessibility_en(c):
    b = c.branding
    return (
        f"<p>{b.official_name} is committed to making its website accessible, in accordance with article 47 of French law no. 2005-102 of 11 February 2005.</p>"
        f"<p>This accessibility statement applies to the tourist tax portal https://{c.hostname}.</p>"
        "<h2>Compliance status</h2><p>The portal is <strong>partially compliant</strong> with the French accessibility framework (RGAA) version 4.1, because of the non-compliances listed below.</p>"
        "<h2>Test results</h2><p>The internal audit of January 2026 shows that 92% of RGAA 4.1 criteria are met.</p>"
        "<h2>Non-accessible content</h2><ul><li>Some older PDF documents are not tagged.</li><li>The dashboard guided tour does not always announce the step position to screen readers.</li></ul>"
        "<h2>Preparation of this statement</h2><p>This statement was prepared on 2 January 2026, with Firefox and NVDA, Safari and VoiceOver, Chromium and axe-core.</p>"
        f"<h2>Feedback and contact</h2><p>If you cannot access some content or service, contact the technical service: {b.support_phone}, {b.support_email}.</p>"
        "<h2>Remedies</h2><p>If you reported an accessibility issue and did not receive a satisfactory answer, you may write to the Défenseur des droits (https://formulaire.defenseurdesdroits.fr/) or by post, free of charge: Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</p>"
    )


def _cgu(c):
    return (
        f"<p>Les présentes conditions générales d'utilisation régissent l'usage de la plateforme de déclaration et de reversement de la taxe de séjour de {c.branding.official_name}.</p>"
        "<h2>1. Objet</h2><p>La plateforme permet aux hébergeurs de déclarer les nuitées, de reverser la taxe collectée et de gérer leurs hébergements.</p>"
        "<h2>2. Accès au service</h2><p>L'accès à l'espace hébergeur suppose l'activation d'un compte personnel et l'acceptation des présentes conditions.</p>"
        "<h2>3. Obligations de l'hébergeur</h2><p>L'hébergeur déclare des informations exactes et garde ses identifiants confidentiels.</p>"
        "<h2>4. Responsabilité</h2><p>La collectivité met tout en œuvre pour assurer la disponibilité du service, sans garantie d'absence d'interruption.</p>"
    )


def _cgu_en(c):
    return (
        f"<p>These terms of use govern the use of the tourist tax declaration and payment platform of {c.branding.official_name}. The French version prevails.</p>"
        "<h2>1. Purpose</h2><p>The platform lets hosts declare nights, pay the tax collected and manage their accommodation.</p>"
        "<h2>2. Access</h2><p>Access to the host space requires activating a personal account and accepting these terms.</p>"
        "<h2>3. Host's obligations</h2><p>Hosts declare accurate information and keep their credentials confidential.</p>"
        "<h2>4. Liability</h2><p>The local authority does its best to keep the service available, without guaranteeing that it will never be interrupted.</p>"
    )


def _privacy(c):
    b = c.branding
    return (
        f"<p>Vos données à caractère personnel sont traitées par Nouveaux Terroires en qualité de sous-traitant pour le compte de {b.official_name}, responsable du traitement.</p>"
        "<h2>Finalité</h2><p>Gestion de la taxe de séjour : déclaration des nuitées, reversement, contrôle.</p>"
        "<h2>Base légale</h2><p>Mission d'intérêt public (articles L. 2333-26 et suivants du code général des collectivités territoriales).</p>"
        "<h2>Durée de conservation</h2><p>Six ans après la dernière déclaration.</p>"
        f"<h2>Vos droits</h2><p>Vous disposez d'un droit d'accès, de rectification et de limitation. Écrivez à {b.support_email}. Vous pouvez saisir la CNIL.</p>"
    )


def _privacy_en(c):
    b = c.branding
    return (
        f"<p>Your personal data is processed by Nouveaux Terroires as a processor on behalf of {b.official_name}, the controller. The French version prevails.</p>"
        "<h2>Purpose</h2><p>Management of the tourist tax: declaration of nights, payment, checks.</p>"
        "<h2>Legal basis</h2><p>Public interest task (articles L. 2333-26 and following of the French local authorities code).</p>"
        "<h2>Retention</h2><p>Six years after the last declaration.</p>"
        f"<h2>Your rights</h2><p>You have the right of access, rectification and restriction. Write to {b.support_email}. You may complain to the CNIL.</p>"
    )


LEGAL = [
    {
        "kind": "mentions",
        "slug": "mentions-legales",
        "slug_en": "legal-notice",
        "title": "Mentions légales",
        "title_en": "Legal notice",
        "body": _mentions,
        "body_en": _mentions_en,
    },
    {
        "kind": "accessibility",
        "slug": "accessibilite",
        "slug_en": "accessibility",
        "title": "Accessibilité : partiellement conforme",
        "title_en": "Accessibility: partially compliant",
        "body": _accessibility,
        "body_en": _accessibility_en,
    },
    {
        "kind": "cgu",
        "slug": "conditions-generales-d-utilisation",
        "slug_en": "terms-of-use",
        "title": "Conditions générales d'utilisation",
        "title_en": "Terms of use",
        "body": _cgu,
        "body_en": _cgu_en,
    },
    {
        "kind": "privacy",
        "slug": "politique-de-confidentialite",
        "slug_en": "privacy-policy",
        "title": "Politique de confidentialité",
        "title_en": "Privacy policy",
        "body": _privacy,
        "body_en": _privacy_en,
    },
]
