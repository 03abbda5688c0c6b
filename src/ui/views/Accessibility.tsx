import { For } from 'solid-js'
import { lang, t } from '../i18n'

/**
 * The toegankelijkheidsverklaring: what was tested, what does not work well yet, and how to tell
 * us. Plain language (B1), and no claim beyond what the tests show: Samenplan has not been
 * audited or certified.
 */
interface Statement {
  title: string
  intro: string
  sections: { heading: string; paragraphs?: string[]; items?: string[] }[]
}

const STATEMENT: Record<'nl' | 'en', Statement> = {
  nl: {
    title: 'Toegankelijkheid van Samenplan',
    intro:
      'Iedereen moet Samenplan kunnen gebruiken: ook met alleen een toetsenbord, met een schermlezer, met een vergrootglas of op een kleine telefoon. Hier lees je wat we daarvoor doen, wat nog niet goed werkt en hoe je een probleem meldt.',
    sections: [
      {
        heading: 'Ons doel',
        paragraphs: [
          'We willen voldoen aan de Europese norm EN 301 549 en de richtlijnen WCAG 2.1, niveau A en AA. Samenplan is nog niet door een onafhankelijke partij onderzocht. We hebben dus nog geen officiële verklaring of keurmerk.',
        ],
      },
      {
        heading: 'Wat we testen',
        items: [
          'Bij elke aanpassing van de app draaien automatische tests in een echte browser. Die controleren elk hoofdscherm met axe-core (een bekend hulpmiddel voor toegankelijkheid): het welkomstscherm, het slotscherm, je plannen, een plan, een uitnodiging, de instellingen en deze pagina. Ernstige fouten laten de test mislukken.',
          'Alles werkt met het toetsenbord. Er is een link "Naar de inhoud" bovenaan, en je ziet altijd waar je bent (een gele rand).',
          'Tekst en knoppen hebben genoeg contrast met de achtergrond: minstens 4,5 op 1 voor tekst en 3 op 1 voor randen van invoervelden.',
          'Elk invoerveld heeft een zichtbaar label. Foutmeldingen staan bij het veld en worden voorgelezen.',
          'De app is in het Nederlands en in het Engels. De taal van de pagina is ingesteld, zodat een schermlezer goed voorleest.',
        ],
      },
      {
        heading: 'Wat nog niet goed werkt',
        items: [
          'Automatische tests vinden niet alle problemen. We hebben Samenplan nog niet getest met mensen die een schermlezer gebruiken.',
          'Als meerdere mensen tegelijk in dezelfde tekst typen, zie je hun cursors. Een schermlezer meldt niet wie waar typt.',
          'Het bewerken van lange teksten gebruikt een teksteditor (Quill). Sommige schermlezers lezen de opmaakknoppen niet duidelijk voor.',
          'Ontgrendelen duurt soms een halve seconde. In die tijd reageert de pagina niet.',
        ],
      },
      {
        heading: 'Een probleem melden',
        paragraphs: [
          'Lukt iets niet, of is iets lastig te gebruiken? Vertel het ons. Zeg wat je wilde doen, op welke pagina, en welk apparaat en welke browser je gebruikt. Zet nooit gegevens van een kind in je bericht.',
          'Meld het bij de organisatie die jou Samenplan aanbood (bijvoorbeeld de school of het wijkteam), of maak een melding in het project op GitHub.',
        ],
      },
    ],
  },
  en: {
    title: 'Accessibility of Samenplan',
    intro:
      'Everyone should be able to use Samenplan: with only a keyboard, with a screen reader, with magnification or on a small phone. Here you read what we do for that, what does not work well yet, and how to report a problem.',
    sections: [
      {
        heading: 'Our aim',
        paragraphs: [
          'We aim to meet the European standard EN 301 549 and WCAG 2.1, levels A and AA. Samenplan has not yet been audited by an independent party, so it has no official statement of compliance or certificate.',
        ],
      },
      {
        heading: 'What we test',
        items: [
          'Every change to the app runs automated tests in a real browser. They check each main screen with axe-core (a well-known accessibility tool): welcome, lock screen, your plans, a plan, an invitation, the settings and this page. Serious errors make the test fail.',
          'Everything works with the keyboard. There is a "Skip to content" link at the top, and you always see where you are (a yellow outline).',
          'Text and buttons have enough contrast with the background: at least 4.5 to 1 for text and 3 to 1 for the borders of input fields.',
          'Every input field has a visible label. Error messages are next to the field and are read out.',
          'The app is in Dutch and in English. The page language is set, so a screen reader pronounces it correctly.',
        ],
      },
      {
        heading: 'What does not work well yet',
        items: [
          'Automated tests do not find every problem. We have not yet tested Samenplan with people who use a screen reader.',
          'When several people type in the same text at once, you see their cursors. A screen reader does not announce who is typing where.',
          'Long texts are edited in a text editor (Quill). Some screen readers do not read its formatting buttons clearly.',
          'Unlocking sometimes takes half a second. During that time the page does not respond.',
        ],
      },
      {
        heading: 'Report a problem',
        paragraphs: [
          "Does something not work, or is it hard to use? Tell us. Say what you wanted to do, on which page, and which device and browser you use. Never put a child's details in your message.",
          'Report it to the organisation that offered you Samenplan (for example the school or the youth team), or open an issue in the project on GitHub.',
        ],
      },
    ],
  },
}

export function Accessibility() {
  const s = () => STATEMENT[lang()]
  return (
    <article aria-labelledby="a11y-title" class="statement">
      <p class="plan__back">
        <a class="utrecht-link" href="#/">
          {t('a11y.back')}
        </a>
      </p>
      <h1 id="a11y-title" class="utrecht-heading-1">
        {s().title}
      </h1>
      <p class="lead utrecht-paragraph utrecht-paragraph--lead">{s().intro}</p>
      <For each={s().sections}>
        {(section) => (
          <section class="panel">
            <h2 class="utrecht-heading-2">{section.heading}</h2>
            <For each={section.paragraphs ?? []}>{(p) => <p class="utrecht-paragraph">{p}</p>}</For>
            {section.items ? (
              <ul class="statement__list">
                <For each={section.items}>{(item) => <li>{item}</li>}</For>
              </ul>
            ) : null}
          </section>
        )}
      </For>
    </article>
  )
}

export default Accessibility
