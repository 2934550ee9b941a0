-- Fields defined before V26 that hold a person's name keep being shown in the preference centre.
update custom_fields set subscriber_editable = true
where field_type = 'text'
  and field_key in ('first_name', 'firstname', 'last_name', 'lastname', 'full_name', 'fullname', 'given_name',
                    'family_name', 'surname', 'middle_name', 'salutation');
