import LoketDomain

/// The customer a details form describes (name, email, phone, V-number, date of birth) with the
/// other persons of a group (`CompanionFields`), or every problem with them in form order, so
/// that each is shown next to its field. The booking, waitlist, draw and urgent forms read it so.
struct CustomerForm {
    let customer: Customer?
    let problems: [Refusal]

    /// `vNumber` and `language` as the form has them (the draw asks the V-number apart, the
    /// booking pages take the page's language); `prefix` goes before each field a refusal names.
    init(
        _ form: [String: String], companions: Int, vNumber: String?, language: String?, prefix: String = ""
    ) {
        var problems: [Refusal] = []
        var customer: Customer?
        switch Customer.checked(
            name: form["name"], email: form["email"], phone: form["phone"], vNumber: vNumber,
            dateOfBirth: form["dateOfBirth"], bsn: nil, language: language, prefix: prefix)
        {
        case .success(let valid): customer = valid
        case .failure(let found): problems += found.errors
        }
        let others = CompanionFields.read(count: companions, form: form)
        customer?.companions = others.companions
        self.customer = problems.isEmpty && others.problems.isEmpty ? customer : nil
        self.problems = problems + others.problems
    }

    /// The customer, or the first problem: what a use case that checks the rest is given.
    var checked: Result<Customer, Refusal> {
        if let customer { .success(customer) } else { .failure(problems[0]) }
    }
}
