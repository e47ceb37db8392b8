import { excerpt, quoted } from '../quote';
import { Rule } from '../rule';

export const vendorDataUndeclared: Rule = {
  code: 'vendor-data-undeclared',
  scope: 'workspace',
  perEntry: true,
  severity: 'information',
  description:
    'Data that reaches a vendor without the use cases saying so: a vendor receives a data class that none of the use cases naming it handles, or a use case names a vendor that receives none of the data it handles.',
  docs: {
    rationale:
      "A vendor's `receives:` says which data it gets; a use case's `vendors:` says which vendors it hands data to, and its `data:` what data it handles. The two must meet. When a vendor receives a class that no use case naming it declares, the data reaches the vendor through a flow nobody wrote down: its CIA requirement is missing from the use cases, and so are the abuse cases that answer it. When a use case names a vendor whose `receives:` lists none of the data the use case handles, the vendor's list is incomplete and its review may not cover what it gets. The quick fixes add the class to the use case's `data:`, or the use case's classes to the vendor's `receives:`.",
    bad: 'use_cases:\n  - id: UC-pay\n    title: Pay an invoice\n    actor: Customer\n    data: [financial]\n    vendors: [stripe]\nvendors:\n  - id: stripe\n    name: Stripe\n    receives: [payment]\n',
    good: 'use_cases:\n  - id: UC-pay\n    title: Pay an invoice\n    actor: Customer\n    data: [financial, payment]\n    vendors: [stripe]\nvendors:\n  - id: stripe\n    name: Stripe\n    receives: [payment]\n',
  },
  check(context) {
    // A vendor receives what no use case naming it handles.
    for (const vendor of context.model.vendors) {
      if (!vendor.id || vendor.receives.length === 0) continue;
      const users = context.workspace.useCasesUsing(vendor.id.value);
      const declared = new Set(users.flatMap(({ useCase }) => useCase.data.map((ref) => ref.value)));
      const name = quoted(vendor.id.value);
      for (const received of vendor.receives) {
        if (declared.has(received.value) || !context.dataClasses.has(received.value)) continue;
        const useCases = users.map(({ useCase }) => (useCase.id ? excerpt(useCase.id.value) : 'a use case'));
        context.report({
          range: received.range,
          message:
            users.length === 0
              ? `${name} receives ${received.value} data, but no use case names it under 'vendors:': which use case hands it this data?`
              : `${name} receives ${received.value} data, but none of the use cases that hand it data (${useCases.slice(0, 5).join(', ')}${useCases.length > 5 ? ', ...' : ''}) declares ${received.value} under 'data:'.`,
          data: {
            dataClass: received.value,
            useCases: users.slice(0, 5).flatMap(({ useCase }) => (useCase.id ? [useCase.id.value] : [])),
          },
        });
      }
    }
    // A use case hands a vendor data its `receives:` does not list.
    for (const useCase of context.model.useCases) {
      const handled = useCase.data.map((ref) => ref.value).filter((name) => context.dataClasses.has(name));
      if (handled.length === 0) continue;
      for (const reference of useCase.vendors) {
        const vendor = context.workspace.definitionsOf(reference.value, { namespace: 'vendors' })[0]?.vendor;
        if (!vendor) continue;
        const receives = new Set(vendor.receives.map((ref) => ref.value));
        if (handled.some((name) => receives.has(name))) continue;
        const useCaseName = useCase.id ? excerpt(useCase.id.value) : 'This use case';
        context.report({
          range: reference.range,
          message: `${useCaseName} hands data to ${quoted(reference.value)}, whose 'receives:' lists none of the data it handles (${handled.join(', ')}): add what ${quoted(reference.value)} gets to its 'receives:'.`,
          data: { vendor: reference.value, dataClasses: handled },
        });
      }
    }
  },
};
