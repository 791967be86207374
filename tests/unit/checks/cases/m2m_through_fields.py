#! argv: check
#! apps: blog
from django.db import models
from django.db.models.functions import Lower


class Person(models.Model):
    name = models.CharField(max_length=50)


class Group(models.Model):
    members = models.ManyToManyField(Person, through='Membership', through_fields=('group', 'persn'))
    admins = models.ManyToManyField(Person, through='Membership', through_fields=('group',), related_name='+')
    others = models.ManyToManyField(Person, through='Membership', through_fields=('inviter', 'person'), related_name='x+')
    more = models.ManyToManyField(Person, through='Membership', through_fields=('', 'person'), related_name='y+')

    class Meta:
        indexes = [models.Index(Lower('titel'), name='lower_idx')]


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    inviter = models.ForeignKey(Person, on_delete=models.CASCADE, related_name='invites')
