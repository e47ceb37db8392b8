/**
 * A held-out measure of the catalog ranking: use cases from clearly different
 * products, each beside the templates a reviewer would accept as the first
 * suggestion. The acceptable ids were judged from the catalog's titles and
 * descriptions before the ranking was run on these rows, and must stay so:
 * a row that the ranking gets wrong is a finding, not a row to edit.
 *
 * An acceptable first pick is on-topic for the use case AND closes the
 * highest gap the use case has (a template threatening a dimension that its
 * data requires at high but no abuse case threatens yet), because the ranking
 * promises to close gaps first. `dimension` is the quick fix for a
 * `cia-uncovered` finding on that dimension.
 */
export interface RelevanceRow {
  product: string;
  source: string;
  dimension?: 'confidentiality' | 'integrity' | 'availability';
  /** Written after the ranking's weights were tuned on the other rows: the fairer measure of how it generalises. */
  judgedAfterTuning?: boolean;
  /**
   * Written after the catalog's words and templates were improved for the rows above (issue 13), judged from the
   * catalog before the ranking was run on them: the held-out measure of that work.
   */
  judgedAfterCatalogChange?: boolean;
  acceptable: string[];
}

export const RELEVANCE_TABLE: readonly RelevanceRow[] = [
  {
    product: 'e-signature',
    source: `
      use_cases:
        - id: UC-sign-contract
          title: Sign a contract electronically
          actor: Signer
          description: The signer opens the envelope from the e-mail link, reviews the PDF and adds their signature.
          steps:
            - Open the signing link from the e-mail
            - Review the contract
            - Draw or type the signature and confirm
          data: [pii, audit-log]
          abuse_cases: []
    `,
    acceptable: ['disputed-action', 'record-tampering', 'missing-audit-trail', 'link-forwarding'],
  },
  {
    product: 'loyalty points redemption',
    source: `
      use_cases:
        - id: UC-redeem-points
          title: Redeem loyalty points for a reward
          actor: Member
          description: A member spends points from their balance on a voucher or a partner reward at checkout.
          steps:
            - Choose a reward in the catalogue
            - Confirm the redemption
            - The points are deducted from the balance
          data: [financial, pii]
          abuse_cases: []
    `,
    acceptable: ['balance-race-condition', 'coupon-abuse', 'price-manipulation'],
  },
  {
    product: 'CV upload',
    source: `
      use_cases:
        - id: UC-upload-cv
          title: Upload a CV when applying for a job
          actor: Applicant
          description: The applicant attaches their CV as a PDF or Word document; recruiters open it from the candidate page.
          steps:
            - Pick the job opening
            - Upload the CV file
            - A recruiter downloads and reads it
          data: [pii, customer-content]
          abuse_cases: []
    `,
    acceptable: ['file-upload-abuse', 'path-traversal', 'retention-beyond-purpose', 'idor'],
  },
  {
    product: 'support chat',
    source: `
      use_cases:
        - id: UC-support-chat
          title: Chat with a support agent
          actor: Customer
          description: A signed-in customer opens the chat widget and writes to an agent, who sees the customer's order history next to the conversation.
          steps:
            - Open the chat widget
            - Describe the problem
            - The agent answers and may look up orders
          data: [pii, customer-content]
          abuse_cases: []
    `,
    acceptable: ['support-social-engineering', 'pasting-secrets', 'admin-data-snooping', 'xss'],
  },
  {
    product: 'smart lock',
    source: `
      use_cases:
        - id: UC-unlock-door
          title: Unlock the front door from the phone app
          actor: Home owner
          description: The owner taps unlock in the mobile app; the lock opens over Bluetooth, or through the cloud when the owner is away, and guests get temporary digital keys.
          steps:
            - Open the app
            - Tap unlock
            - The lock confirms and records the event
          data: [credentials, audit-log]
          abuse_cases: []
    `,
    acceptable: ['unencrypted-in-transit', 'stale-access-offboarding', 'token-forgery', 'session-hijacking'],
  },
  {
    product: 'telehealth video consult',
    source: `
      use_cases:
        - id: UC-video-consult
          title: Join a video consultation with a doctor
          actor: Patient
          description: The patient books an appointment, receives a reminder and joins the video call from a link; the doctor writes notes into the health record.
          steps:
            - Book an appointment slot
            - Receive the reminder with the join link
            - Join the video call
          data: [health, pii]
          abuse_cases: []
    `,
    acceptable: [
      'sensitive-notification-content',
      'tracking-pixel-leak',
      'link-leakage',
      'link-forwarding',
      'unencrypted-in-transit',
    ],
  },
  {
    product: 'payroll export',
    source: `
      use_cases:
        - id: UC-payroll-export
          title: Export the monthly payroll file for the bank
          actor: Payroll administrator
          description: At month end the administrator exports salaries and bank details as a CSV file and uploads it to the bank portal.
          steps:
            - Review the month's salaries
            - Export the payroll CSV
            - Upload it to the bank
          data: [financial, payment, pii]
          abuse_cases: []
    `,
    acceptable: ['payment-detail-change', 'export-file-exposure', 'record-tampering'],
  },
  {
    product: 'school grades',
    source: `
      use_cases:
        - id: UC-enter-grades
          title: Enter term grades for a class
          actor: Teacher
          description: The teacher enters each pupil's grades for the term; once the head teacher approves them, parents see the report card.
          steps:
            - Open the class gradebook
            - Enter the grades per pupil
            - Submit them for approval
          data: [pii, audit-log]
          abuse_cases: []
    `,
    acceptable: ['record-tampering', 'missing-audit-trail', 'broken-access-control', 'idor'],
  },
  {
    product: 'ride hailing',
    source: `
      use_cases:
        - id: UC-request-ride
          title: Request a ride
          actor: Rider
          description: The rider sets a pickup point and a destination, accepts the fare estimate, and pays with the saved card when the trip ends.
          steps:
            - Set the pickup and the destination
            - Accept the fare estimate
            - The driver picks the rider up
            - The card is charged at the end of the trip
          data: [payment, pii]
          abuse_cases: []
    `,
    acceptable: ['price-manipulation', 'chargeback-fraud', 'refund-fraud', 'card-testing'],
  },
  {
    product: 'photo sharing',
    source: `
      use_cases:
        - id: UC-share-album
          title: Share a photo album with family
          actor: Member
          description: A member uploads holiday photos to an album and shares it with relatives through an invitation or a link.
          steps:
            - Create an album
            - Upload photos
            - Share the album link with the family
          data: [customer-content, pii]
          abuse_cases: []
    `,
    acceptable: [
      'link-leakage',
      'link-forwarding',
      'link-guessing',
      'accidental-public-sharing',
      'wrong-recipient',
      'weak-sharing-defaults',
    ],
  },
  {
    product: 'IoT thermostat',
    source: `
      use_cases:
        - id: UC-thermostat-schedule
          title: Set the heating schedule of a smart thermostat
          actor: Home owner
          description: The owner sets temperatures per time of day in the app; the thermostat syncs the schedule from the cloud and reports its readings every minute.
          steps:
            - Open the thermostat in the app
            - Edit the weekly schedule
            - The device syncs the new schedule
          data: [telemetry, customer-content]
          abuse_cases:
            - id: AB-empty-house
              title: Readings reveal when nobody is at home
              threatens: [confidentiality]
    `,
    acceptable: ['unencrypted-in-transit', 'telemetry-spoofing', 'broken-access-control', 'idor', 'csrf'],
  },
  {
    product: 'password reset',
    source: `
      use_cases:
        - id: UC-reset-password
          title: Reset a forgotten password
          actor: Member
          description: The member asks for a reset on the sign-in page, receives an e-mail with a one-time link and chooses a new password.
          steps:
            - Click "Forgot password"
            - Enter the e-mail address
            - Open the reset link
            - Choose a new password
          data: [credentials, pii]
          abuse_cases: []
    `,
    acceptable: ['password-reset-abuse', 'account-enumeration', 'security-question-guessing'],
  },
  {
    product: 'marketplace listing',
    source: `
      use_cases:
        - id: UC-create-listing
          title: Publish a listing on the marketplace
          actor: Seller
          description: A seller describes an item, uploads photos, sets a price and publishes the listing for buyers to find in search.
          steps:
            - Describe the item
            - Upload photos
            - Set the price
            - Publish the listing
          data: [public, pii]
          abuse_cases: []
    `,
    acceptable: ['xss', 'file-upload-abuse', 'premature-publication'],
  },
  {
    product: 'bank transfer',
    source: `
      use_cases:
        - id: UC-bank-transfer
          title: Transfer money to a new payee
          actor: Account holder
          description: The account holder adds a payee by IBAN, enters an amount and confirms the transfer with a code sent to their phone.
          steps:
            - Add the payee's bank details
            - Enter the amount
            - Confirm with the SMS code
          data: [payment, financial, credentials]
          abuse_cases: []
    `,
    acceptable: ['payment-detail-change', 'balance-race-condition', 'sim-swap', 'csrf', 'disputed-action'],
  },
  {
    product: 'newsletter signup',
    source: `
      use_cases:
        - id: UC-newsletter-signup
          title: Subscribe to the newsletter
          actor: Visitor
          description: A visitor types their e-mail address in the footer form and confirms the subscription from the e-mail we send.
          steps:
            - Enter the e-mail address
            - Receive the confirmation e-mail
            - Click to confirm
          data: [pii]
          abuse_cases: []
    `,
    acceptable: ['consent-bypass', 'consent-withdrawal-ignored', 'over-collection'],
  },
  {
    product: 'API keys for developers',
    source: `
      use_cases:
        - id: UC-create-api-key
          title: Create an API key for an integration
          actor: Developer
          description: A developer creates a key in the developer settings, chooses its scopes and copies it into their deployment.
          steps:
            - Open the developer settings
            - Create a key and pick its scopes
            - Copy the key, which is shown once
          data: [credentials]
          abuse_cases: []
    `,
    acceptable: ['over-scoped-api-keys', 'secrets-in-code', 'stale-access-offboarding'],
  },
  {
    product: 'calendar invites',
    source: `
      use_cases:
        - id: UC-send-invite
          title: Invite colleagues to a meeting
          actor: Organiser
          description: The organiser picks a time, adds attendees by e-mail and writes an agenda; attendees receive an invitation they can accept or decline.
          steps:
            - Pick a slot
            - Add the attendees
            - Write the agenda
            - Send the invitations
          data: [pii, internal]
          abuse_cases: []
    `,
    acceptable: ['wrong-recipient', 'link-forwarding', 'xss'],
  },
  {
    product: 'expense reports',
    source: `
      use_cases:
        - id: UC-submit-expense
          title: Submit an expense claim
          actor: Employee
          description: The employee photographs the receipt, enters the amount and submits the claim; the manager approves it and finance reimburses it with the next salary.
          steps:
            - Photograph the receipt
            - Enter the amount and the category
            - Submit the claim for approval
          data: [financial, pii]
          abuse_cases: []
    `,
    acceptable: ['record-tampering', 'missing-audit-trail', 'file-upload-abuse'],
  },
  {
    product: 'file sync',
    source: `
      use_cases:
        - id: UC-sync-folder
          title: Sync a folder between a laptop and the cloud
          actor: Member
          description: The desktop client watches a local folder and uploads changes; edits and deletions are synced to the member's other devices.
          steps:
            - Choose the folder
            - The client uploads the changed files
            - The other devices download the changes
          data: [customer-content]
          abuse_cases: []
    `,
    acceptable: ['path-traversal', 'unencrypted-in-transit', 'file-upload-abuse'],
  },
  {
    product: 'voting / poll',
    source: `
      use_cases:
        - id: UC-cast-vote
          title: Vote in a members' poll
          actor: Member
          description: Each member may vote once in an open poll; the results are shown when the poll closes.
          steps:
            - Open the poll
            - Pick an option
            - Submit the vote
          data: [pii, audit-log]
          abuse_cases: []
    `,
    acceptable: ['record-tampering', 'balance-race-condition', 'reidentification', 'free-tier-abuse'],
  },
  {
    product: 'food delivery',
    source: `
      use_cases:
        - id: UC-order-food
          title: Order food for delivery
          actor: Customer
          description: The customer fills a cart from a restaurant's menu, applies a promo code, pays and follows the courier on a map.
          steps:
            - Add dishes to the cart
            - Apply a promo code
            - Pay at checkout
            - Track the delivery
          data: [payment, pii]
          abuse_cases: []
    `,
    acceptable: ['coupon-abuse', 'price-manipulation', 'refund-fraud', 'card-testing', 'chargeback-fraud'],
  },
  {
    product: 'gift cards',
    source: `
      use_cases:
        - id: UC-gift-card
          title: Buy and redeem a gift card
          actor: Shopper
          description: A shopper buys a gift card, which is sent by e-mail with a code; the recipient redeems the code and spends the balance.
          data: [payment, financial]
          abuse_cases: []
    `,
    acceptable: ['balance-race-condition', 'coupon-abuse', 'card-testing'],
  },
  {
    product: 'admin impersonation',
    source: `
      use_cases:
        - id: UC-impersonate
          title: A support agent impersonates a customer to debug their issue
          actor: Support agent
          description: From the admin console, an agent signs in as the customer to see exactly what they see, after the customer grants access in a ticket.
          data: [customer-content, pii, audit-log]
          abuse_cases: []
    `,
    acceptable: ['admin-data-snooping', 'missing-audit-trail', 'broken-access-control', 'audit-log-tampering'],
  },
  {
    product: 'GDPR data export',
    source: `
      use_cases:
        - id: UC-dsar-export
          title: Send a customer a copy of their personal data
          actor: Privacy officer
          description: A customer asks for all the data we hold on them; the privacy team verifies the request, exports the data and sends a download link.
          data: [pii, customer-content]
          abuse_cases: []
    `,
    acceptable: ['dsar-impersonation', 'export-file-exposure', 'export-after-takeover'],
  },
  {
    product: 'roadmap sharing, availability quick fix',
    source: `
      use_cases:
        - id: UC-share-roadmap
          title: Share a roadmap with a partner through a private link
          actor: Product manager
          description: The product manager creates a link to the roadmap document and sends it to a partner by e-mail.
          data: [customer-content]
          abuse_cases:
            - id: AB-forward
              title: The partner forwards the link to a competitor
              threatens: [confidentiality, integrity]
              template: link-forwarding
    `,
    dimension: 'availability',
    acceptable: ['email-content-injection', 'accidental-deletion'],
  },
  {
    product: 'free trial signup',
    source: `
      use_cases:
        - id: UC-start-trial
          title: Start a free trial
          actor: Visitor
          description: A visitor signs up with an e-mail address and a password and gets thirty days of the paid plan with some AI credits.
          steps:
            - Fill in the sign-up form
            - Confirm the e-mail address
            - Start using the trial workspace
          data: [pii, credentials]
          abuse_cases: []
    `,
    acceptable: [
      'free-tier-abuse',
      'account-enumeration',
      'plaintext-password-storage',
      'password-reuse',
      'over-collection',
    ],
  },
  {
    product: 'subscription renewal',
    source: `
      use_cases:
        - id: UC-renew-subscription
          title: Renew a subscription automatically
          actor: Billing system
          description: At the end of each period the payment provider charges the customer's card and notifies us by webhook; we extend the plan when the payment succeeds.
          data: [payment, financial]
          abuse_cases: []
    `,
    acceptable: ['webhook-spoofing', 'chargeback-fraud', 'card-testing', 'price-manipulation'],
  },
  {
    product: 'team workspace invitation',
    source: `
      use_cases:
        - id: UC-invite-teammate
          title: Invite a teammate to the workspace
          actor: Workspace member
          description: A member invites a colleague by e-mail and chooses the role the colleague gets when they join.
          steps:
            - Enter the colleague's e-mail address
            - Choose a role
            - Send the invitation
          data: [pii, customer-content]
          abuse_cases: []
    `,
    acceptable: ['invite-role-escalation', 'over-granting-permissions'],
  },
  {
    product: 'AI document summary',
    source: `
      use_cases:
        - id: UC-summarize-document
          title: Summarize a long document with the AI assistant
          actor: Analyst
          description: The analyst asks the assistant to summarize a report; the text is sent to an external language model and the summary is shown beside the document.
          data: [customer-content]
          abuse_cases: []
    `,
    acceptable: ['ai-provider-data-use'],
  },

  // Added after the ranking was tuned on the rows above, judged before it was run on them:
  // the rows the weights were never fitted to.
  {
    product: 'donation page',
    source: `
      use_cases:
        - id: UC-donate
          title: Donate to a campaign
          actor: Visitor
          description: A visitor enters an amount and their card details on the donation page; small donations are welcome.
          data: [payment, pii]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    acceptable: ['card-testing', 'compromised-third-party-script', 'card-data-stored'],
  },
  {
    product: 'document comments',
    source: `
      use_cases:
        - id: UC-comment
          title: Comment on a shared document
          actor: Member
          description: Members write comments on a document and mention colleagues, who get a notification.
          data: [customer-content]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    acceptable: ['xss', 'pasting-secrets'],
  },
  {
    product: 'insurance claim',
    source: `
      use_cases:
        - id: UC-claim
          title: Submit an insurance claim
          actor: Policyholder
          description: The policyholder describes the damage, uploads photos and the repair invoice, and the claim is paid to their bank account.
          data: [financial, pii]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    acceptable: ['file-upload-abuse', 'record-tampering', 'payment-detail-change'],
  },
  {
    product: 'fingerprint sign-in to a banking app',
    source: `
      use_cases:
        - id: UC-fingerprint
          title: Sign in to the banking app with a fingerprint
          actor: Customer
          description: The customer enables fingerprint sign-in on their phone; the app keeps a token on the device and asks for the fingerprint at each launch.
          data: [credentials, financial]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    acceptable: ['session-hijacking', 'session-token-leak', 'shared-device-session', 'token-forgery'],
  },
  {
    product: 'dating profile',
    source: `
      use_cases:
        - id: UC-dating-profile
          title: Create a dating profile
          actor: Member
          description: A member writes about themselves, uploads photos and states their orientation and what they are looking for.
          data: [sensitive-pii, pii]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    acceptable: ['over-collection', 'account-enumeration', 'xss', 'file-upload-abuse'],
  },
  {
    product: 'concert tickets',
    source: `
      use_cases:
        - id: UC-tickets
          title: Buy tickets for a concert
          actor: Fan
          description: A fan picks seats, pays at checkout and receives the tickets by e-mail; tickets can be transferred to a friend.
          data: [payment, pii]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    acceptable: ['card-testing', 'price-manipulation', 'chargeback-fraud', 'balance-race-condition'],
  },
  {
    product: 'workspace restore',
    source: `
      use_cases:
        - id: UC-restore
          title: Restore a customer's workspace from a backup
          actor: Operations engineer
          description: After an accidental deletion, support restores the workspace from last night's backup.
          data: [customer-content]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    acceptable: ['erased-data-restored', 'exposed-backups'],
  },
  {
    product: 'prescription refill',
    source: `
      use_cases:
        - id: UC-refill
          title: Request a prescription refill
          actor: Patient
          description: The patient asks for a refill in the app; the pharmacy confirms by SMS when the medicine is ready to collect.
          data: [health, pii]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    acceptable: ['sensitive-notification-content', 'tracking-pixel-leak'],
  },

  // Added after the catalog was improved (keywords, the sign-in phrases, three new templates), judged from the
  // catalog before the ranking was run on them.
  {
    product: 'car sharing',
    source: `
      use_cases:
        - id: UC-end-trip
          title: End a car-sharing trip
          actor: Driver
          description: The driver parks the car inside the home zone and ends the trip in the app; the car locks and the minutes driven are charged to the saved card.
          data: [payment, telemetry]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    judgedAfterCatalogChange: true,
    acceptable: ['location-spoofing', 'telemetry-spoofing', 'price-manipulation', 'chargeback-fraud'],
  },
  {
    product: 'hotel booking',
    source: `
      use_cases:
        - id: UC-book-room
          title: Book a hotel room
          actor: Guest
          description: The guest picks the dates and a room, pays a deposit by card and receives the booking confirmation by e-mail; cancellation is free up to a day before.
          data: [payment, pii]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    judgedAfterCatalogChange: true,
    acceptable: ['refund-fraud', 'card-testing', 'price-manipulation', 'chargeback-fraud'],
  },
  {
    product: 'online exam',
    source: `
      use_cases:
        - id: UC-take-exam
          title: Take a proctored online exam
          actor: Candidate
          description: The candidate signs in and starts the timed exam in the browser with the webcam on; answers are saved as they go and the score is shown at the end.
          data: [pii, audit-log]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    judgedAfterCatalogChange: true,
    acceptable: ['record-tampering', 'mass-assignment', 'shared-accounts', 'broken-access-control'],
  },
  {
    product: 'crowdfunding',
    source: `
      use_cases:
        - id: UC-launch-campaign
          title: Launch a crowdfunding campaign
          actor: Creator
          description: A creator describes the project, sets a funding goal and reward tiers, links a bank account for the payout and publishes the campaign page.
          data: [financial, public]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    judgedAfterCatalogChange: true,
    acceptable: ['payment-detail-change', 'xss', 'premature-publication'],
  },
  {
    product: 'pet-sitting marketplace',
    source: `
      use_cases:
        - id: UC-review-sitter
          title: Review a pet sitter after a stay
          actor: Pet owner
          description: After the booking ends, the owner rates the sitter from one to five stars and writes a review that appears on the sitter's public profile.
          data: [public, pii]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    judgedAfterCatalogChange: true,
    acceptable: ['xss', 'api-overexposure'],
  },
  {
    product: 'hospital bed management',
    source: `
      use_cases:
        - id: UC-assign-bed
          title: Assign a bed to an admitted patient
          actor: Ward nurse
          description: The nurse sees the ward's free beds on a board, assigns one to the admitted patient, and the board shows the patient's name and diagnosis to the ward team.
          data: [health, pii]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    judgedAfterCatalogChange: true,
    acceptable: ['admin-data-snooping', 'broken-access-control', 'idor', 'record-tampering'],
  },
  {
    product: 'podcast hosting',
    source: `
      use_cases:
        - id: UC-publish-episode
          title: Publish a podcast episode
          actor: Podcaster
          description: The podcaster uploads the audio file, writes the show notes and schedules the episode; the RSS feed announces it to podcast apps at the set time.
          data: [public, customer-content]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    judgedAfterCatalogChange: true,
    acceptable: ['premature-publication', 'file-upload-abuse', 'xss', 'path-traversal'],
  },
  {
    product: 'parking payment',
    source: `
      use_cases:
        - id: UC-pay-parking
          title: Pay for street parking in the app
          actor: Driver
          description: The driver enters the licence plate and the parking zone, starts a session paid by card and extends it from the phone; wardens check the plate.
          data: [payment, pii]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    judgedAfterCatalogChange: true,
    acceptable: ['price-manipulation', 'location-spoofing', 'card-testing', 'chargeback-fraud'],
  },
  {
    product: 'library e-book loans',
    source: `
      use_cases:
        - id: UC-borrow-ebook
          title: Borrow an e-book from the library
          actor: Library member
          description: A member signs in with their library card number and PIN, borrows an e-book for three weeks and reads it in the app; the loan history is kept.
          data: [pii, credentials]
          abuse_cases: []
    `,
    judgedAfterTuning: true,
    judgedAfterCatalogChange: true,
    acceptable: ['password-brute-force', 'credential-stuffing', 'account-enumeration', 'retention-beyond-purpose'],
  },
];
