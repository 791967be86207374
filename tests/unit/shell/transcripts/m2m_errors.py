#! models: m2m
#! setup: m2m
#! mode: repl
chess = Club.objects.get(name='Chess')
pia = Person.objects.get(name='Pia')
chess.members.add(Author.objects.get(pk=1))
chess.members.add(Person(name='unsaved'))
chess.members.add(pia, through_defaults={'bogus': 1})
chess.members.add(pia, bogus=1)
Club(name='new').members.add(pia)
pia.friends.add(Person(name='unsaved'))
pia.friends.add('x')
pia.friends.set(pia)
chess.members.add(pia, through_defaults=[1])
print(chess.members.all())
