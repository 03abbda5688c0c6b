import type { HomeMessages } from './home.nl'

/** English strings of the first run (Welcome) and the home screen. */
export const homeEn: HomeMessages = {
  'welcome.title': 'Welcome to Samenplan',
  'welcome.intro': 'Parents, school and care work together on one plan for a child. What you write is encrypted before it leaves this device.',
  'welcome.nameLabel': 'What is your name?',
  'welcome.nameHint': 'This is how the others in the plan see who is writing, for example "Fatima (mother)" or "Mr Joost".',
  'welcome.submit': 'Continue',
  'welcome.nameRequired': 'Enter your name.',

  'home.title': 'Plans on this device',
  'home.empty': 'There are no plans on this device yet. Create a new plan, or open the invite link you received.',
  'home.new': 'New plan',
  'home.childName': "Child's name",
  'home.childNameHint': 'A first name is enough.',
  'home.childNameRequired': "Enter the child's name.",
  'home.create': 'Create plan',
  'home.creating': 'Creating plan…',
  'home.cancel': 'Cancel',
  'home.untitled': 'Untitled plan',
  'home.greeting': 'Hello {name}',
  'home.planOf': "{name}'s plan",
  'home.school': 'School: {school}',
  'home.nextMeeting': 'Next meeting: {date}',
  'home.noMeeting': 'No meeting planned',
  'home.openActions': '{n} open agreements',
  'home.openAction': '1 open agreement',
  'home.noOpenActions': 'No open agreements',
}
